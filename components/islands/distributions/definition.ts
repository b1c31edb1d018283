import { defineIsland } from '../types';
import { distPresets, distSchema } from './schema';
import { distStrings } from './strings';

export const distributionsIsland = defineIsland({
  tag: 'ml-distributions',
  namespace: 'dist',
  anchor: 'live-distributions',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'DistributionsIsland',
  schema: distSchema,
  presets: distPresets,
  strings: { 'zh-CN': distStrings['zh-CN'].meta },
});
