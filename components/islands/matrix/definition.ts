import { defineIsland } from '../types';
import { matrixPresets, matrixSchema } from './schema';
import { matrixStrings } from './strings';

export const matrixIsland = defineIsland({
  tag: 'ml-matrix',
  namespace: 'mat',
  anchor: 'live-matrix',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'MatrixIsland',
  schema: matrixSchema,
  presets: matrixPresets,
  strings: { 'zh-CN': matrixStrings['zh-CN'].meta },
});
