/**
 * Where each island's code is: one dynamic import per custom element, so every island is
 * its own chunk that a page loads only when that island starts (components/ui/lazy-island.ts).
 * A unit test checks these tags against the registry.
 */
export const islandLoaders: Readonly<Record<string, () => Promise<unknown>>> = {
  'ml-metrics': () => import('./metrics/element'),
  'ml-mnist': () => import('./mnist/element'),
};
