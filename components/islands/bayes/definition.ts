import { defineIsland } from '../types';
import { bayesPresets, bayesSchema } from './schema';
import { bayesStrings } from './strings';

export const bayesIsland = defineIsland({
  tag: 'ml-bayes',
  namespace: 'bayes',
  anchor: 'live-bayes',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'BayesIsland',
  schema: bayesSchema,
  presets: bayesPresets,
  strings: { 'zh-CN': bayesStrings['zh-CN'].meta },
});
