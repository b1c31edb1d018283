import { defineIsland } from '../types';
import { mnistPresets, mnistSchema } from './schema';
import { mnistStrings } from './strings';

export const mnistIsland = defineIsland({
  tag: 'ml-mnist',
  namespace: 'mnist',
  anchor: 'live-mnist',
  chapter: 5,
  page: 'chapters/05-mnist-project/',
  component: 'MnistIsland',
  schema: mnistSchema,
  presets: mnistPresets,
  strings: { 'zh-CN': mnistStrings['zh-CN'].meta },
  tensorflow: true,
});
