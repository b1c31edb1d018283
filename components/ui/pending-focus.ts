import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Moves keyboard focus to a button after the island re-renders: start and stop buttons swap
 * places when a run begins or ends, and focus must not fall back to the page. `request('stop')`
 * focuses the host's `[data-action="stop"]` as soon as it exists and is enabled.
 */
export class PendingFocus implements ReactiveController {
  private action: string | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  request(action: string): void {
    this.action = action;
  }

  hostUpdated(): void {
    if (!this.action) return;
    const target = this.host.querySelector<HTMLElement>(`[data-action="${this.action}"]`);
    if (target && !target.hasAttribute('disabled')) {
      target.focus();
      this.action = null;
    }
  }
}
