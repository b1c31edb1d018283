import { defineIsland } from '../types';
import { prepPresets, prepSchema } from './schema';
import { prepStrings } from './strings';

export const prepIsland = defineIsland({
  tag: 'ml-preprocess',
  namespace: 'prep',
  anchor: 'live-preprocess',
  chapter: 3,
  page: 'chapters/03-algorithms/',
  component: 'PreprocessIsland',
  schema: prepSchema,
  presets: prepPresets,
  strings: { 'zh-CN': prepStrings['zh-CN'].meta },
});
