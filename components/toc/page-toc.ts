/**
 * Marks the table-of-contents link of the section being read (aria-current), on the desktop
 * sidebar and in the phone dropdown, which also shows that section's name in its summary.
 *
 * Starlight's own version observes every block of the article through `:has()` selectors and
 * measures the header on start-up, which forces a layout of the whole page: on the long
 * chapters (17k elements) it cost ~100 ms per copy, twice per page. This one observes only the
 * headings the links point to and reads no layout: a heading is "passed" while any part of it
 * is above the reading line (header height + 2rem), and the current section is the last
 * passed heading in document order — or, right after a jump, the section jumped to.
 */
class PageToc extends HTMLElement {
  private links: HTMLAnchorElement[] = [];
  private current: HTMLAnchorElement | null = null;
  private observer: IntersectionObserver | undefined;
  private readonly passed = new Set<number>();
  /** The link the reader just followed; it stays marked until they scroll by hand. */
  private followed: HTMLAnchorElement | undefined;

  connectedCallback(): void {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1));
    idle(() => this.start());
    if (this.dataset['mobile'] !== undefined) this.wireDropdown();
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
  }

  private start(): void {
    this.links = [...this.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')];
    this.observe();
    // A section near the page's end cannot scroll up to the reading line; after a jump to it
    // the table of contents still names it.
    const follow = () => {
      this.followed = this.links.find((link) => link.hash === location.hash);
      this.mark(this.followed);
    };
    follow();
    addEventListener('hashchange', follow);
    const unfollow = () => {
      this.followed = undefined;
      this.update([]);
    };
    for (const type of ['wheel', 'touchmove', 'keydown'] as const) addEventListener(type, unfollow, { passive: true });
    let resized: number | undefined;
    window.addEventListener('resize', () => {
      window.clearTimeout(resized);
      resized = window.setTimeout(() => this.observe(), 200);
    });
  }

  private observe(): void {
    this.observer?.disconnect();
    this.passed.clear();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const style = getComputedStyle(document.body);
    const header = parseFloat(style.getPropertyValue('--sl-nav-height')) * rem || 4 * rem;
    const mobileBar = this.dataset['mobile'] !== undefined ? parseFloat(style.getPropertyValue('--sl-mobile-toc-height')) * rem || 0 : 0;
    const line = Math.round(header + mobileBar + 2 * rem);
    // The observed area runs from far above the page down to the reading line.
    const bottom = Math.max(0, window.innerHeight - line);
    this.observer = new IntersectionObserver((entries) => this.update(entries), { rootMargin: `100000px 0px -${bottom}px 0px` });
    this.links.forEach((link, index) => {
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) return;
      target.dataset['tocIndex'] = String(index);
      this.observer!.observe(target);
    });
  }

  private update(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const index = Number((entry.target as HTMLElement).dataset['tocIndex']);
      if (entry.isIntersecting) this.passed.add(index);
      else this.passed.delete(index);
    }
    if (this.followed) return;
    const last = this.passed.size > 0 ? Math.max(...this.passed) : 0;
    this.mark(this.links[last]);
  }

  private mark(link: HTMLAnchorElement | undefined): void {
    if (!link || link === this.current) return;
    this.current?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this.current = link;
    const display = this.querySelector('[data-toc-current]');
    if (display) display.textContent = link.textContent;
  }

  /** Phone dropdown: closes on a link, a click outside or Escape (focus back on its summary). */
  private wireDropdown(): void {
    const details = this.querySelector('details');
    if (!details) return;
    const close = () => (details.open = false);
    details.addEventListener('click', (event) => {
      if ((event.target as Element).closest('a')) close();
    });
    window.addEventListener('click', (event) => {
      if (details.open && !details.contains(event.target as Node)) close();
    });
    window.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !details.open) return;
      const hadFocus = details.contains(document.activeElement);
      close();
      if (hadFocus) details.querySelector('summary')?.focus();
    });
  }
}

customElements.define('page-toc', PageToc);
