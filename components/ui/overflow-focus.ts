/**
 * A box that scrolls sideways (a wide formula on a phone) must be reachable by keyboard,
 * or keyboard users cannot read its hidden part. Only boxes that actually overflow get a
 * tab stop, so a page of short formulas does not gain dozens of useless ones; the check
 * reruns whenever a box changes size.
 *
 * Measuring forces layout, and a chapter has dozens of formulas: boxes are measured only
 * once they near the viewport, and the first scan waits until the browser is idle, so the
 * page's first render is never held up by it. `scan` may be called again after new content
 * is rendered (islands do, after each update); observing an element twice is harmless.
 */
export class OverflowFocus {
  private readonly resizes = new ResizeObserver((entries) => {
    for (const entry of entries) this.update(entry.target as HTMLElement);
  });

  private readonly approaches = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        this.approaches.unobserve(entry.target);
        this.resizes.observe(entry.target);
      }
    },
    { rootMargin: '50% 0px' },
  );

  constructor(
    private readonly selector: string,
    private readonly label: string,
  ) {}

  scan(root: ParentNode): void {
    for (const element of root.querySelectorAll<HTMLElement>(this.selector)) this.approaches.observe(element);
  }

  /** Scans once the browser is idle (or after a short delay where idle callbacks are missing). */
  scanWhenIdle(root: ParentNode): void {
    if ('requestIdleCallback' in window) requestIdleCallback(() => this.scan(root), { timeout: 2000 });
    else setTimeout(() => this.scan(root), 200);
  }

  /** What this class added to each element, so that only that is taken away again. */
  private readonly added = new WeakMap<HTMLElement, string[]>();

  private update(element: HTMLElement): void {
    const overflowing = element.scrollWidth > element.clientWidth + 1;
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
