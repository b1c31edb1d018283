/**
 * A box that scrolls sideways (a wide formula on a phone) must be reachable by keyboard,
 * or keyboard users cannot read its hidden part. Only boxes that actually overflow get a
 * tab stop, so a page of short formulas does not gain dozens of useless ones.
 *
 * Measuring forces layout and a chapter has dozens of formulas, so a scan reads every box
 * first and writes attributes after (one layout, no read/write ping-pong), the page-wide
 * scan waits until the browser is idle, and it reruns only when fonts arrive or the window is resized.
 */
/** Dispatched (bubbling) by content that changes width after load, e.g. a diagram drawn late. */
export const OVERFLOW_CHANGED = 'overflow-changed';

export class OverflowFocus {
  /** What this class added to each element, so that only that is taken away again. */
  private readonly added = new WeakMap<HTMLElement, string[]>();
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly selector: string,
    private readonly label: string,
  ) {}

  scan(root: ParentNode): void {
    const boxes = [...root.querySelectorAll<HTMLElement>(this.selector)];
    const overflowing = boxes.map((box) => box.scrollWidth > box.clientWidth + 1);
    boxes.forEach((box, i) => this.update(box, overflowing[i] ?? false));
  }

  /** Scans once the browser is idle, and again after the window is resized. */
  scanWhenIdle(root: ParentNode): void {
    const idle = (): void => {
      if ('requestIdleCallback' in window) requestIdleCallback(() => this.scan(root), { timeout: 2000 });
      else setTimeout(() => this.scan(root), 200);
    };
    idle();
    // KaTeX's fonts arrive after the first paint (font-display: swap) and widen formulas.
    document.fonts?.addEventListener('loadingdone', idle);
    root.addEventListener(OVERFLOW_CHANGED, idle);
    window.addEventListener('resize', () => {
      if (this.resizeTimer) clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(idle, 250);
    });
  }

  private update(element: HTMLElement, overflowing: boolean): void {
    const added = this.added.get(element);
    if (overflowing && !added) {
      const names = ['tabindex', 'role', 'aria-label'].filter((name) => !element.hasAttribute(name));
      const values: Record<string, string> = { tabindex: '0', role: 'group', 'aria-label': this.label };
      for (const name of names) element.setAttribute(name, values[name] ?? '');
      this.added.set(element, names);
    } else if (!overflowing && added) {
      for (const name of added) element.removeAttribute(name);
      this.added.delete(element);
    }
  }
}
