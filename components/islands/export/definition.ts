import { defineIsland } from '../types';
import { exportPresets, exportSchema } from './schema';
import { exportStrings } from './strings';

export const exportIsland = defineIsland({
  tag: 'ml-export',
  namespace: 'export',
  anchor: 'live-export',
  chapter: 9,
  page: 'chapters/09-faq/',
  component: 'ExportIsland',
  schema: exportSchema,
  presets: exportPresets,
  strings: { 'zh-CN': exportStrings['zh-CN'].meta },
  tensorflow: true,
});
