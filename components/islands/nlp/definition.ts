import { defineIsland } from '../types';
import { nlpPresets, nlpSchema } from './schema';
import { nlpStrings } from './strings';

export const nlpIsland = defineIsland({
  tag: 'ml-nlp',
  namespace: 'nlp',
  anchor: 'live-nlp',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'NlpIsland',
  schema: nlpSchema,
  presets: nlpPresets,
  strings: { 'zh-CN': nlpStrings['zh-CN'].meta },
});
