import { defineIsland } from '../types';
import { examplePresets, exampleSchema } from './schema';
import { exampleStrings } from './strings';

export const exampleIsland = defineIsland({
  tag: 'ml-example',
  namespace: 'ex',
  anchor: 'live-example',
  chapter: 4,
  page: 'chapters/04-math/',
  component: 'ExampleIsland',
  schema: exampleSchema,
  presets: examplePresets,
  strings: { 'zh-CN': exampleStrings['zh-CN'].meta },
});
