/**
 * A box that scrolls sideways (a wide formula on a phone) must be reachable by keyboard,
 * or keyboard users cannot read its hidden part. Only boxes that actually overflow get a
 * tab stop, so a page of short formulas does not gain dozens of useless ones.
 *
 * Measuring forces layout, and a chapter has thousands of KaTeX nodes that the browser skips
 * while they are far from the viewport (content-visibility in site.css). So when the browser
 * is idle only the boxes it has drawn are measured (reading all before writing any), and a
 * skipped block's boxes are measured when the browser draws it.
 */
/** Dispatched (bubbling) by content that changes width after load, e.g. a diagram drawn late. */
export const OVERFLOW_CHANGED = 'overflow-changed';

/**
 * Whether the browser has laid the box's content out, judged without forcing it to: not
 * inside a block that content-visibility skips (a box that scrolls is never skipped itself:
 * a display formula's skippable block is the .tex-block around it, see site.css).
 */
const drawn = (box: HTMLElement): boolean =>
  typeof box.checkVisibility !== 'function' || box.checkVisibility({ contentVisibilityAuto: true });

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
   * Measures the drawn boxes under root when the browser is idle, and again when fonts
   * arrive (KaTeX's swap in and widen formulas), content says it changed, or the window is
   * resized; boxes in a skipped block are measured as the browser draws the block.
   */
  watch(root: Document | HTMLElement): void {
    const pass = (): void => this.measure([...root.querySelectorAll<HTMLElement>(this.selector)].filter(drawn));
    const idle = (): void => {
      if ('requestIdleCallback' in window) requestIdleCallback(pass, { timeout: 2000 });
      else setTimeout(pass, 200);
    };
    idle();
    root.addEventListener(
      'contentvisibilityautostatechange',
      (event) => {
        if ((event as Event & { skipped?: boolean }).skipped !== false || !(event.target instanceof HTMLElement)) return;
        const block = event.target;
        this.measure(block.matches(this.selector) ? [block] : [...block.querySelectorAll<HTMLElement>(this.selector)]);
      },
      { capture: true },
    );
    document.fonts?.addEventListener('loadingdone', idle);
    root.addEventListener(OVERFLOW_CHANGED, idle);
    window.addEventListener('resize', () => {
      if (this.resizeTimer) clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(idle, 250);
    });
  }

  /** Marks each box measured (site.css lets a display formula scroll from then on). */
  private measure(boxes: readonly HTMLElement[]): void {
    const overflowing = boxes.map((box) => box.scrollWidth > box.clientWidth + 1);
    boxes.forEach((box, i) => {
      box.dataset['measured'] = '';
      this.update(box, overflowing[i] ?? false);
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
