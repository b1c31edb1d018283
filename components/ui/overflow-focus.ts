/**
 * A box that scrolls sideways (a wide formula on a phone) must be reachable by keyboard,
 * or keyboard users cannot read its hidden part. Only boxes that actually overflow get a
 * tab stop, so a page of short formulas does not gain dozens of useless ones.
 *
 * Measuring forces layout, and a chapter has thousands of KaTeX nodes that the browser skips
 * while they are far from the viewport (content-visibility in site.css). So a page is never
 * measured whole: each box is measured when it nears the viewport (IntersectionObserver) or
 * when the skipped block around it is drawn, reading every box of a batch before writing.
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

  /** Measures every box under root now (an island's own boxes, after it renders). */
  scan(root: ParentNode): void {
    this.measure([...root.querySelectorAll<HTMLElement>(this.selector)]);
  }

  /**
   * Measures each box under root as it comes within 200 px of the viewport, and again when
   * fonts arrive (KaTeX's swap in and widen formulas), content says it changed, or the
   * window is resized: then every box is looked at afresh as it nears the viewport.
   */
  watchNearViewport(root: Document | HTMLElement): void {
    const observer = new IntersectionObserver(
      (entries) => this.measure(entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target as HTMLElement)),
      { rootMargin: '200px 0px' },
    );
    const observeAll = (): void => {
      observer.disconnect();
      for (const box of root.querySelectorAll<HTMLElement>(this.selector)) observer.observe(box);
    };
    observeAll();
    // A block skipped by content-visibility is laid out only when it becomes relevant; its
    // boxes measured before that would read as narrow.
    root.addEventListener(
      'contentvisibilityautostatechange',
      (event) => {
        if ((event as Event & { skipped?: boolean }).skipped !== false || !(event.target instanceof HTMLElement)) return;
        const block = event.target;
        this.measure(block.matches(this.selector) ? [block] : [...block.querySelectorAll<HTMLElement>(this.selector)]);
      },
      { capture: true },
    );
    document.fonts?.addEventListener('loadingdone', observeAll);
    root.addEventListener(OVERFLOW_CHANGED, observeAll);
    window.addEventListener('resize', () => {
      if (this.resizeTimer) clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(observeAll, 250);
    });
  }

  private measure(boxes: readonly HTMLElement[]): void {
    const overflowing = boxes.map((box) => box.scrollWidth > box.clientWidth + 1);
    boxes.forEach((box, i) => this.update(box, overflowing[i] ?? false));
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
