import { defineIsland } from '../types';
import { vectorsPresets, vectorsSchema } from './schema';
import { vectorsStrings } from './strings';

export const vectorsIsland = defineIsland({
  tag: 'ml-vectors',
  namespace: 'vec',
  anchor: 'live-vectors',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'VectorsIsland',
  schema: vectorsSchema,
  presets: vectorsPresets,
  strings: { 'zh-CN': vectorsStrings['zh-CN'].meta },
});
