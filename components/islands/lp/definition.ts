import { defineIsland } from '../types';
import { lpPresets, lpSchema } from './schema';
import { lpStrings } from './strings';

export const lpIsland = defineIsland({
  tag: 'ml-lp',
  namespace: 'lp',
  anchor: 'live-lp',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'LpIsland',
  schema: lpSchema,
  presets: lpPresets,
  strings: { 'zh-CN': lpStrings['zh-CN'].meta },
});
