import { defineIsland } from '../types';
import { initPresets, initSchema } from './schema';
import { initStrings } from './strings';

export const initIsland = defineIsland({
  tag: 'ml-init',
  namespace: 'init',
  anchor: 'live-init',
  chapter: 3,
  page: 'chapters/03-algorithms/',
  component: 'InitIsland',
  schema: initSchema,
  presets: initPresets,
  strings: { 'zh-CN': initStrings['zh-CN'].meta },
  tensorflow: true,
});
