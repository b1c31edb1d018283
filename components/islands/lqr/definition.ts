import { defineIsland } from '../types';
import { lqrPresets, lqrSchema } from './schema';
import { lqrStrings } from './strings';

export const lqrIsland = defineIsland({
  tag: 'ml-lqr',
  namespace: 'lqr',
  anchor: 'live-lqr',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'LqrIsland',
  schema: lqrSchema,
  presets: lqrPresets,
  strings: { 'zh-CN': lqrStrings['zh-CN'].meta },
});
