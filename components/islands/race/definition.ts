import { defineIsland } from '../types';
import { racePresets, raceSchema } from './schema';
import { raceStrings } from './strings';

export const raceIsland = defineIsland({
  tag: 'ml-race',
  namespace: 'race',
  anchor: 'live-race',
  chapter: 3,
  page: 'chapters/03-algorithms/',
  component: 'RaceIsland',
  schema: raceSchema,
  presets: racePresets,
  strings: { 'zh-CN': raceStrings['zh-CN'].meta },
  tensorflow: true,
});
