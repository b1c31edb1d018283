/**
 * A box that scrolls sideways (a wide formula on a phone) must be reachable by keyboard,
 * or keyboard users cannot read its hidden part. Only boxes that actually overflow get a
 * tab stop, so a page of short formulas does not gain dozens of useless ones; the check
 * reruns whenever a box changes size. `scan` may be called again after new content is
 * rendered (islands do, after each update); observing an element twice is harmless.
 */
export class OverflowFocus {
  private readonly observer = new ResizeObserver((entries) => {
    for (const entry of entries) OverflowFocus.update(entry.target as HTMLElement);
  });

  constructor(private readonly selector: string) {}

  scan(root: ParentNode): void {
    for (const element of root.querySelectorAll<HTMLElement>(this.selector)) this.observer.observe(element);
  }

  private static update(element: HTMLElement): void {
    if (element.scrollWidth > element.clientWidth + 1) {
      element.tabIndex = 0;
      element.setAttribute('role', 'group');
      element.setAttribute('aria-label', '公式（可横向滚动）');
    } else if (element.hasAttribute('tabindex')) {
      element.removeAttribute('tabindex');
      element.removeAttribute('role');
      element.removeAttribute('aria-label');
    }
  }
}
