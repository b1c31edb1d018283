import { defineIsland } from '../types';
import { backpropPresets, backpropSchema } from './schema';
import { backpropStrings } from './strings';

export const backpropIsland = defineIsland({
  tag: 'ml-backprop',
  namespace: 'bp',
  anchor: 'live-backprop',
  chapter: 3,
  page: 'chapters/03-algorithms/',
  component: 'BackpropIsland',
  schema: backpropSchema,
  presets: backpropPresets,
  strings: { 'zh-CN': backpropStrings['zh-CN'].meta },
  tensorflow: true,
});
