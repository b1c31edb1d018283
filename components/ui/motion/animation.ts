import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Plays an island's animation one step per frame (or per `interval` ms), with the controls
 * a reader expects: play, pause, one step at a time. It pauses by itself while the island
 * is off screen or the tab is hidden, and it never starts by itself: under
 * `prefers-reduced-motion` the reader steps (or jumps to the end) instead of watching.
 */
export interface AnimationOptions {
  /** Advances one step; returns false when there is nothing left to play. */
  step: () => boolean;
  /** Minimum milliseconds between steps (0: every frame). */
  interval?: number;
}

export class AnimationController implements ReactiveController {
  playing = false;
  readonly reducedMotion: boolean;
  private frame = 0;
  private last = 0;
  private visible = true;
  private pageVisible = true;
  private observer: IntersectionObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: AnimationOptions,
  ) {
    this.reducedMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new IntersectionObserver((entries) => {
      this.visible = entries.some((entry) => entry.isIntersecting);
      this.schedule();
    });
    this.observer.observe(this.host);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    this.pause();
    this.observer?.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private readonly onVisibility = (): void => {
    this.pageVisible = document.visibilityState === 'visible';
    this.schedule();
  };

  play(): void {
    this.playing = true;
    this.schedule();
    this.host.requestUpdate();
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.host.requestUpdate();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** One step, as the "step" button does. */
  stepOnce(): boolean {
    const more = this.options.step();
    this.host.requestUpdate();
    return more;
  }

  /** Whether frames are being drawn right now (playing, on screen, tab visible). */
  get running(): boolean {
    return this.playing && this.visible && this.pageVisible;
  }

  private schedule(): void {
    if (!this.running || this.frame) return;
    this.frame = requestAnimationFrame(this.tick);
  }

  private readonly tick = (time: number): void => {
    this.frame = 0;
    if (!this.running) return;
    if (time - this.last >= (this.options.interval ?? 0)) {
      this.last = time;
      if (!this.options.step()) {
        this.playing = false;
        this.host.requestUpdate();
        return;
      }
      this.host.requestUpdate();
    }
    this.schedule();
  };
}
