import type { IslandDefinition } from './types';
import { metricsIsland } from './metrics/definition';
import { mnistIsland } from './mnist/definition';

/**
 * Every live section of the site, in chapter order. The shells, the table of contents,
 * the workshop index, the offline precache and the browser-test contract read this list;
 * adding an island is one line here (see README, "Adding an island").
 */
export const ISLANDS: readonly IslandDefinition[] = [metricsIsland, mnistIsland] as readonly IslandDefinition[];

export function islandByTag(tag: string): IslandDefinition | undefined {
  return ISLANDS.find((island) => island.tag === tag);
}

export function islandByComponent(component: string): IslandDefinition | undefined {
  return ISLANDS.find((island) => island.component === component);
}
