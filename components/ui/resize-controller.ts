import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks the content width of an island, so charts are drawn at the size they are shown
 * at (readable 12-px labels on a phone) instead of being scaled with a viewBox.
 */
export class WidthController implements ReactiveController {
  width: number;
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    fallbackWidth = 640,
  ) {
    this.width = fallbackWidth;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? this.width);
      // Ignore sub-pixel jitter; redraw only on a real change.
      if (width > 0 && Math.abs(width - this.width) >= 2) {
        this.width = width;
        this.host.requestUpdate();
      }
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  /** Width for a chart that shares a row with `columns − 1` others on wide screens. */
  column(columns: number, gap = 16, min = 260): number {
    if (this.width < min * columns + gap * (columns - 1)) return this.width;
    return Math.floor((this.width - gap * (columns - 1)) / columns);
  }
}
