import { defineIsland } from '../types';
import { metricsPresets, metricsSchema } from './schema';
import { metricsStrings } from './strings';

export const metricsIsland = defineIsland({
  tag: 'ml-metrics',
  namespace: 'metrics',
  anchor: 'live-metrics',
  chapter: 3,
  page: 'chapters/03-algorithms/',
  component: 'MetricsIsland',
  schema: metricsSchema,
  presets: metricsPresets,
  strings: { 'zh-CN': metricsStrings['zh-CN'].meta },
});
