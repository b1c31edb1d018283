import { defineIsland } from '../types';
import { compressPresets, compressSchema } from './schema';
import { compressStrings } from './strings';

export const compressIsland = defineIsland({
  tag: 'ml-compress',
  namespace: 'compress',
  anchor: 'live-compress',
  chapter: 9,
  page: 'chapters/09-faq/',
  component: 'CompressIsland',
  schema: compressSchema,
  presets: compressPresets,
  strings: { 'zh-CN': compressStrings['zh-CN'].meta },
  tensorflow: true,
});
