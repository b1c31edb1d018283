import { defineIsland } from '../types';
import { fraudPresets, fraudSchema } from './schema';
import { fraudStrings } from './strings';

export const fraudIsland = defineIsland({
  tag: 'ml-fraud',
  namespace: 'fraud',
  anchor: 'live-fraud',
  chapter: 6,
  page: 'chapters/06-applications/',
  component: 'FraudIsland',
  schema: fraudSchema,
  presets: fraudPresets,
  strings: { 'zh-CN': fraudStrings['zh-CN'].meta },
});
