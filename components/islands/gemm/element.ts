import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { selectField, sliderField, toggleGroup } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { tfWorker, TfWorkerError } from '../../../src/tf/client';
import { createRng } from '../../../src/lib/random/prng';
import { gemmPoint, gemmSizes, multiplyRows, nextSize, randomSquare, rowsPerSlice } from '../../../src/lib/math/gemm';
import { gemmIsland } from './definition';
import { deriveGemm, idleRun, onTfEvent, type GemmRun, type Part } from './model';
import { gemmStrings } from './strings';
import { backendBadge, backendLabel, flopsFormula, gemmChart, gemmTable, sig, tfName } from './figures';

/** Lets the page paint and take input between slices of a long product. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Small sizes finish in well under a millisecond: repeat them until this much time has passed. */
const MIN_TIMED_MS = 200;

/** Chapter 4.1.1's scaling view: the same n×n product in plain JavaScript and in TensorFlow.js, in GFLOP/s. */
export class GemmIsland extends LiveIsland<typeof gemmIsland.schema> {
  readonly schema = gemmIsland.schema;
  readonly presets = gemmIsland.presets;
  readonly meta = gemmIsland.strings['zh-CN'];
  private readonly s = gemmStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private run: GemmRun = idleRun();
  private stopRequested = false;
  /** Last time the progress bar was redrawn, so a long product does not redraw on every slice. */
  private lastPaint = 0;

  private setRun(changes: Partial<GemmRun>): void {
    this.run = { ...this.run, ...changes };
    this.requestUpdate();
  }

  /**
   * Milliseconds of computation for one n×n product, computed a few rows at a time. Small
   * sizes are repeated; the first product also pays for compiling the loop, so with others
   * to compare the fastest one is reported (the usual remedy for a busy machine's noise).
   */
  private async timeJs(n: number): Promise<number | null> {
    const rng = createRng(n);
    const a = randomSquare(n, rng);
    const b = randomSquare(n, rng);
    const c = new Float64Array(n * n);
    const slice = rowsPerSlice(n);
    const times: number[] = [];
    let total = 0;
    while (total < MIN_TIMED_MS && times.length < 1000) {
      let product = 0;
      for (let from = 0; from < n; from += slice) {
        if (this.stopRequested) return null;
        const start = performance.now();
        multiplyRows(a, b, c, n, from, Math.min(n, from + slice));
        product += performance.now() - start;
        if (performance.now() - this.lastPaint > 100) {
          this.lastPaint = performance.now();
          this.setRun({ current: { part: 'js', n, fraction: Math.min(1, (from + slice) / n) } });
          await breathe();
        }
      }
      times.push(product);
      total += product;
    }
    await breathe();
    return Math.min(...(times.length > 1 ? times.slice(1) : times));
  }

  private async measureJs(budgetMs: number): Promise<void> {
    const sizes = gemmSizes(Number(this.state.maxN));
    for (;;) {
      const next = nextSize(sizes, this.run.js, budgetMs);
      if (next.kind === 'done') return;
      if (next.kind === 'too-slow') {
        this.setRun({ skipped: { ...this.run.skipped, js: { n: next.n, predictedMs: next.predictedMs } } });
        return;
      }
      const ms = await this.timeJs(next.n);
      if (ms === null) return;
      const point = gemmPoint(next.n, ms);
      if (point) this.setRun({ js: [...this.run.js, point], current: null });
    }
  }

  private async measureTf(budgetMs: number): Promise<void> {
    this.setRun({ current: null });
    try {
      await tfWorker.call(
        'gemm',
        'run',
        { backend: this.state.backend, sizes: gemmSizes(Number(this.state.maxN)), budgetMs },
        { onEvent: (event) => this.setRun(onTfEvent(this.run, event)) },
      );
    } catch (error) {
      const code = error instanceof TfWorkerError ? error.code : 'internal';
      const message = error instanceof TfWorkerError ? String(error.detail['message'] ?? '') : String(error);
      this.setRun({ tfError: { code, message }, current: null });
    }
  }

  private async start(): Promise<void> {
    if (this.run.status === 'running') return;
    this.stopRequested = false;
    this.run = { ...idleRun(), status: 'running' };
    this.requestUpdate();
    const budgetMs = this.state.budget * 1000;
    const part = this.state.part;
    if (part !== 'tf') await this.measureJs(budgetMs);
    if (part !== 'js' && !this.stopRequested) await this.measureTf(budgetMs);
    this.setRun({ status: this.stopRequested ? 'stopped' : 'finished', current: null });
  }

  private stop(): void {
    this.stopRequested = true;
    void tfWorker.call('gemm', 'stop', null).catch(() => undefined);
  }

  override disconnectedCallback(): void {
    this.stopRequested = true;
    super.disconnectedCallback();
  }

  protected override canReset(): boolean {
    return this.run.status !== 'running';
  }

  private errorText(error: { code: string; message: string }): string {
    const e = this.s.errors;
    const known: Record<string, string> = {
      busy: e.busy,
      'no-backend': e.noBackend,
      'non-finite': e.nonFinite,
      'worker-crashed': format(e.crashed, { detail: error.message ? `（${error.message}）` : '' }),
      terminated: e.terminated,
    };
    return known[error.code] ?? format(e.other, { message: error.message || error.code });
  }

  private progress(): TemplateResult {
    const s = this.s;
    const run = this.run;
    const current = run.current;
    if (run.status === 'idle') return html`<p class="ml-control__hint">${s.idle}</p>`;
    const text = current
      ? current.part === 'js'
        ? format(s.progressJs, { n: current.n, percent: Math.round(current.fraction * 100) })
        : format(s.progressTf, { n: current.n })
      : run.status === 'running'
        ? s.progressTfLoading
        : run.status === 'stopped'
          ? s.stopped
          : s.finished;
    return html`<div class="ml-gemm-progress" role="status" aria-live="polite" data-status=${run.status}>
      <span>${text}</span>
      ${run.status !== 'running'
        ? nothing
        : current?.part === 'js'
          ? html`<progress max="1" .value=${current.fraction} aria-label=${text}></progress>`
          : html`<progress aria-label=${text}></progress>`}
    </div>`;
  }

  private skippedLines(): TemplateResult[] {
    const parts: Part[] = ['js', 'tf'];
    return parts.flatMap((part) => {
      const skip = this.run.skipped[part];
      if (!skip) return [];
      const name = part === 'js' ? this.s.chart.js : tfName(this.run.decision, this.s);
      return [html`<p class="ml-control__hint" data-skipped=${part}>${format(this.s.skipped, { part: name, n: skip.n, seconds: sig(skip.predictedMs / 1000, 2), budget: this.state.budget })}</p>`];
    });
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = deriveGemm(this.state, this.run);
    const running = this.run.status === 'running';
    const best = [...model.rows].reverse().find((row) => row.ratio !== null);
    return html`
      <div class="ml-controls">
        ${selectField(this, 'backend', { label: s.backend, options: s.backends, disabled: running })}
        ${selectField(this, 'maxN', { label: s.maxN, options: { '256': '256', '512': '512', '1024': '1024', '2048': '2048' }, disabled: running })}
        ${sliderField(this, 'budget', { label: s.budget, step: 0.5, disabled: running, hint: s.budgetHint })}
      </div>
      ${toggleGroup(this, 'part', { label: s.part, options: s.parts, disabled: running })}
      <p class="ml-gemm-actions">
        ${running
          ? html`<button type="button" class="ml-button" data-action="stop" @click=${() => this.stop()}>${s.stop}</button>`
          : html`<button type="button" class="ml-button ml-button--primary" data-action="measure" @click=${() => void this.start()}>
              ${this.run.status === 'idle' ? s.start : s.again}
            </button>`}
      </p>
      ${this.progress()}
      ${this.run.decision ? backendBadge(this.run.decision, s) : nothing}
      ${this.run.tfError
        ? html`<p class="ml-error" role="alert" data-tf-error=${this.run.tfError.code}>${this.errorText(this.run.tfError)} ${this.run.js.length ? s.errors.jsStillShown : ''}</p>`
        : nothing}
      ${this.skippedLines()}
      ${gemmChart(model, s, this.size.width)}
      ${best && best.ratio !== null && this.run.decision
        ? html`<p class="ml-gemm-summary">${format(best.ratio >= 1 ? s.summary : s.summarySlower, { n: best.n, backend: backendLabel(this.run.decision.name, s), ratio: sig(best.ratio, 2) })}</p>`
        : nothing}
      ${flopsFormula(model, s)} ${gemmTable(model, s)}
      <p class="ml-control__hint">${s.precision}</p>
    `;
  }
}

customElements.define(gemmIsland.tag, GemmIsland);
