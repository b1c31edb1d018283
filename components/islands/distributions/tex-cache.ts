import { tex } from '../../ui/katex-html';

/**
 * `tex()` with a small memory: an island re-renders on every state change (a notice
 * dismissed, the width measured), and typesetting the same formulas again with KaTeX is
 * most of the cost of such a render.
 */
const cache = new Map<string, ReturnType<typeof tex>>();
const LIMIT = 200;

export function cachedTex(expression: string, displayMode = false): ReturnType<typeof tex> {
  const key = `${displayMode ? 'D' : 'I'}${expression}`;
  let result = cache.get(key);
  if (!result) {
    if (cache.size >= LIMIT) cache.clear();
    result = tex(expression, displayMode);
    cache.set(key, result);
  }
  return result;
}
