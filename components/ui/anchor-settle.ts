/**
 * Keeps the target of an in-page link where the browser put it while the page settles.
 *
 * Long chapters skip the layout of far-away paragraphs (`content-visibility: auto`, sized by
 * an estimate) and islands replace their fallbacks when they near the viewport. Both change
 * heights above a link's target right after the jump, and the browser's scroll anchoring
 * does not make up for it here: a reader following 本页内容 or a workshop link to chapter 4's
 * 4.4 landed 2,500 px above it. So for a few seconds after a jump (or a load with a #hash),
 * the target is put back at its scroll position whenever the layout moves it. Anything that
 * scrolls the page meanwhile — the reader, or a script — ends the hold: the target moved and
 * the scroll position changed, which a layout shift alone does not do.
 */
const SETTLE_MS = 3000;
const STABLE_FRAMES = 30;
const READER_INPUT = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

let cancelRunning: (() => void) | undefined;

function restingTop(target: HTMLElement): number {
  const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  return padding + (parseFloat(getComputedStyle(target).scrollMarginTop) || 0);
}

export function holdInPlace(target: HTMLElement): void {
  cancelRunning?.();
  const started = performance.now();
  const resting = restingTop(target);
  let pendingFrame = 0;
  let framesSeen = 0;
  let stable = 0;
  let lastCorrectedTop = NaN;
  let lastTop = target.getBoundingClientRect().top;
  let lastScroll = window.scrollY;
  const cancel = (): void => {
    cancelAnimationFrame(pendingFrame);
    for (const type of READER_INPUT) removeEventListener(type, cancel);
    cancelRunning = undefined;
  };
  const check = (): void => {
    const top = target.getBoundingClientRect().top;
    // At the page's end the browser itself moves the scroll position when the page shortens.
    const atEnd = window.scrollY >= document.documentElement.scrollHeight - window.innerHeight - 1;
    const scrolledElsewhere = window.scrollY !== lastScroll && Math.abs(top - lastTop) > 2 && !atEnd;
    if (scrolledElsewhere && framesSeen > 0) return cancel();
    framesSeen++;
    // Off by a pixel or two is rounding; the same top as after the last correction means the
    // page cannot scroll further (the target sits near its end).
    if (Math.abs(top - resting) <= 2 || top === lastCorrectedTop) stable++;
    else {
      target.scrollIntoView({ block: 'start' });
      lastCorrectedTop = target.getBoundingClientRect().top;
      stable = 0;
    }
    lastTop = target.getBoundingClientRect().top;
    lastScroll = window.scrollY;
    if (stable < STABLE_FRAMES && performance.now() - started < SETTLE_MS) pendingFrame = requestAnimationFrame(check);
    else cancel();
  };
  for (const type of READER_INPUT) addEventListener(type, cancel, { passive: true });
  cancelRunning = cancel;
  pendingFrame = requestAnimationFrame(check);
}

function targetOfHash(): HTMLElement | null {
  const id = decodeURIComponent(location.hash.slice(1));
  return id ? document.getElementById(id) : null;
}

/** Holds the target of the URL's #hash after the page loads and after each in-page jump. */
export function settleAnchorJumps(): void {
  const hold = (): void => {
    const target = targetOfHash();
    if (target) holdInPlace(target);
  };
  hold();
  addEventListener('hashchange', hold);
  // A second click on the link already in the URL scrolls without a hashchange.
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
    if (link && link.getAttribute('href') === location.hash) requestAnimationFrame(hold);
  });
}
