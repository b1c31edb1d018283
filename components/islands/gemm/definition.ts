import { defineIsland } from '../types';
import { gemmPresets, gemmSchema } from './schema';
import { gemmStrings } from './strings';

export const gemmIsland = defineIsland({
  tag: 'ml-gemm',
  namespace: 'gemm',
  anchor: 'live-gemm',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'GemmIsland',
  schema: gemmSchema,
  presets: gemmPresets,
  strings: { 'zh-CN': gemmStrings['zh-CN'].meta },
  tensorflow: true,
});
