import type { IslandDefinition } from './types';
import { prepIsland } from './preprocess/definition';
import { initIsland } from './init/definition';
import { backpropIsland } from './backprop/definition';
import { metricsIsland } from './metrics/definition';
import { matrixIsland } from './matrix/definition';
import { gemmIsland } from './gemm/definition';
import { vectorsIsland } from './vectors/definition';
import { distributionsIsland } from './distributions/definition';
import { conditionalIsland } from './conditional/definition';
import { bayesIsland } from './bayes/definition';
import { raceIsland } from './race/definition';
import { nlpIsland } from './nlp/definition';
import { lqrIsland } from './lqr/definition';
import { lpIsland } from './lp/definition';
import { exampleIsland } from './example/definition';
import { mnistIsland } from './mnist/definition';
import { fraudIsland } from './fraud/definition';
import { schedulesIsland } from './schedules/definition';
import { exportIsland } from './export/definition';
import { compressIsland } from './compress/definition';

/**
 * Every live section of the site, in chapter order. The shells, the table of contents,
 * the workshop index, the offline precache and the browser-test contract read this list;
 * adding an island is one line here (see README, "Adding an island").
 */
export const ISLANDS: readonly IslandDefinition[] = [prepIsland, initIsland, backpropIsland, raceIsland, metricsIsland, matrixIsland, gemmIsland, vectorsIsland, distributionsIsland, conditionalIsland, bayesIsland, lpIsland, nlpIsland, lqrIsland, exampleIsland, mnistIsland, fraudIsland, schedulesIsland, exportIsland, compressIsland] as readonly IslandDefinition[];

export function islandByTag(tag: string): IslandDefinition | undefined {
  return ISLANDS.find((island) => island.tag === tag);
}

export function islandByComponent(component: string): IslandDefinition | undefined {
  return ISLANDS.find((island) => island.component === component);
}
