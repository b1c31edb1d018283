/**
 * Mirrors island state into the address bar without flooding it. Dragging a point or
 * playing an animation changes state many times a second, and browsers rate-limit
 * `history.replaceState` (Safari throws after ~100 calls in 30 s), so updates from every
 * island on the page are merged and written at most once per interval, and flushed when
 * the page is hidden or a link is copied.
 */
type Update = (params: URLSearchParams) => URLSearchParams;

const INTERVAL_MS = 400;
const pending = new Map<string, Update>();
let timer: ReturnType<typeof setTimeout> | null = null;

/** Queues an island's change of the query string; the latest one per key wins. */
export function scheduleUrlUpdate(key: string, update: Update): void {
  pending.set(key, update);
  timer ??= setTimeout(flushUrlUpdates, INTERVAL_MS);
}

/** Writes every queued change now. */
export function flushUrlUpdates(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (pending.size === 0) return;
  let params = new URLSearchParams(location.search);
  for (const update of pending.values()) params = update(params);
  pending.clear();
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', flushUrlUpdates);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushUrlUpdates();
  });
}
