import { defineIsland } from '../types';
import { schedulesPresets, schedulesSchema } from './schema';
import { schedulesStrings } from './strings';

export const schedulesIsland = defineIsland({
  tag: 'ml-schedules',
  namespace: 'sched',
  anchor: 'live-schedules',
  chapter: 9,
  page: 'chapters/09-faq/',
  component: 'SchedulesIsland',
  schema: schedulesSchema,
  presets: schedulesPresets,
  strings: { 'zh-CN': schedulesStrings['zh-CN'].meta },
});
