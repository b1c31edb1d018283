/**
 * Where each island's code is: one dynamic import per custom element, so every island is
 * its own chunk that a page loads only when that island starts (components/ui/lazy-island.ts).
 * A unit test checks these tags against the registry.
 */
export const islandLoaders: Readonly<Record<string, () => Promise<unknown>>> = {
  'ml-preprocess': () => import('./preprocess/element'),
  'ml-init': () => import('./init/element'),
  'ml-backprop': () => import('./backprop/element'),
  'ml-race': () => import('./race/element'),
  'ml-metrics': () => import('./metrics/element'),
  'ml-matrix': () => import('./matrix/element'),
  'ml-gemm': () => import('./gemm/element'),
  'ml-vectors': () => import('./vectors/element'),
  'ml-distributions': () => import('./distributions/element'),
  'ml-conditional': () => import('./conditional/element'),
  'ml-bayes': () => import('./bayes/element'),
  'ml-lp': () => import('./lp/element'),
  'ml-nlp': () => import('./nlp/element'),
  'ml-lqr': () => import('./lqr/element'),
  'ml-example': () => import('./example/element'),
  'ml-mnist': () => import('./mnist/element'),
  'ml-fraud': () => import('./fraud/element'),
  'ml-schedules': () => import('./schedules/element'),
  'ml-export': () => import('./export/element'),
  'ml-compress': () => import('./compress/element'),
};
