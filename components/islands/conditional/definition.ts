import { defineIsland } from '../types';
import { condPresets, condSchema } from './schema';
import { condStrings } from './strings';

export const conditionalIsland = defineIsland({
  tag: 'ml-conditional',
  namespace: 'cond',
  anchor: 'live-conditional',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'ConditionalIsland',
  schema: condSchema,
  presets: condPresets,
  strings: { 'zh-CN': condStrings['zh-CN'].meta },
});
