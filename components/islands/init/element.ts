import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { checkboxField, selectField, sliderField, toggleGroup } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { tfWorker, TfWorkerError } from '../../../src/tf/client';
import type { BackendDecision } from '../../../src/tf/backends';
import type { DeepStackResult, DigitBatch } from '../../../src/lib/ml/deep-stack';
import { loadDigitSample, type SampleLoad } from '../preprocess/digit-sample';
import { initIsland } from './definition';
import { computeInPage, configsOf, runKey, runsInPage, sampleBatch, workOf, type InitState } from './model';
import { initStrings } from './strings';
import { formulaCard, layerStrip, stdChart, summary, textNumber } from './figures';

const MAX_SEED = 2_147_483_647;
/** Slider drags settle before a TensorFlow.js run starts. */
const SETTLE_MS = 150;

type Run =
  | { key: string; engine: 'page'; results: DeepStackResult[]; work: number }
  | { key: string; engine: 'tf'; results: DeepStackResult[]; decision: BackendDecision; ms: number }
  | { key: string; engine: 'fallback'; results: DeepStackResult[]; why: string };

/** Chapter 3.1.2's live section: what an initializer does to the signal in a deep MLP fed with real digits. */
export class InitIsland extends LiveIsland<typeof initIsland.schema> {
  static override properties = { ...LiveIsland.properties, sample: { state: true }, run: { state: true }, busy: { state: true } };
  declare sample: SampleLoad | null;
  declare run: Run | null;
  declare busy: boolean;

  readonly schema = initIsland.schema;
  readonly presets = initIsland.presets;
  readonly meta = initIsland.strings['zh-CN'];
  private readonly s = initStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private batch: DigitBatch | null = null;
  /** What the worker should compute next (the latest state), and whether a request is out. */
  private wanted: { key: string; state: InitState } | null = null;
  private inFlight = false;
  private tfStarted = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.sample === undefined) {
      this.run = null;
      this.busy = false;
      this.load();
    }
  }

  private load(): void {
    this.sample = null;
    void loadDigitSample().then((result) => {
      this.sample = result;
      if (result.ok) this.batch = sampleBatch(result.images, result.labels);
    });
  }

  /** What a result depends on: the networks, and where they run when TensorFlow.js runs them. */
  private keyOf(state: InitState): string {
    return runsInPage(state) ? runKey(state) : `${runKey(state)}|${state.backend}`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const batch = this.batch;
    if (!batch) return;
    const key = this.keyOf(this.state);
    if (this.run?.key === key && this.wanted === null) return;
    if (runsInPage(this.state)) {
      this.wanted = null;
      if (this.run?.key !== key) {
        const configs = configsOf(this.state);
        this.run = { key, engine: 'page', results: computeInPage(configs, batch), work: workOf(configs) };
      }
      return;
    }
    if (this.run?.key === key) {
      this.wanted = null;
      return;
    }
    if (this.wanted?.key !== key) {
      this.wanted = { key, state: this.state };
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.inFlight || !this.wanted) return;
    this.inFlight = true;
    this.busy = true;
    setTimeout(() => void this.compute(), SETTLE_MS);
  }

  private async compute(): Promise<void> {
    const target = this.wanted;
    const sample = this.sample;
    if (!target || !sample?.ok || !this.batch) {
      this.inFlight = false;
      this.busy = false;
      return;
    }
    const configs = configsOf(target.state);
    let next: Run;
    try {
      const run = await tfWorker.call('deep-stack', 'stats', {
        backend: target.state.backend,
        pixels: sample.images,
        labels: sample.labels,
        count: this.batch.count,
        configs,
      });
      next = { key: target.key, engine: 'tf', results: run.results, decision: run.decision, ms: run.ms };
    } catch (error) {
      // TensorFlow.js could not run: the same numbers from the page's engine, and why.
      next = { key: target.key, engine: 'fallback', results: computeInPage(configs, this.batch), why: this.workerErrorText(error) };
    }
    this.tfStarted = true;
    this.inFlight = false;
    if (this.wanted?.key === target.key) this.wanted = null;
    this.run = next;
    this.busy = this.wanted !== null;
    if (this.wanted) this.schedule();
  }

  private workerErrorText(error: unknown): string {
    const w = this.s.workerErrors;
    if (error instanceof TfWorkerError) {
      const template = w[error.code] ?? w['other'] ?? '';
      return format(template, { code: error.code, message: String(error.detail['message'] ?? '') });
    }
    return format(w['internal'] ?? '', { message: error instanceof Error ? error.message : String(error) });
  }

  private renderEngine(): TemplateResult | typeof nothing {
    const run = this.run;
    const e = this.s.engine;
    const busy = this.busy ? html`<p class="ml-init-engine__busy" role="status">${this.tfStarted ? e.busy : e.loadingTf}</p>` : nothing;
    if (!run) return busy;
    if (run.engine === 'page') {
      return html`<p class="ml-init-engine" data-engine="page">${format(e.page, { work: textNumber(run.work) })}</p>${busy}`;
    }
    if (run.engine === 'fallback') {
      return html`<p class="ml-error" role="alert" data-engine="fallback">${format(e.fallback, { why: run.why })}</p>${busy}`;
    }
    const d = run.decision;
    const reason = format(this.s.reasons[d.reason.code], d.reason.code === 'auto-measured' ? { ms: d.reason.ms.toFixed(1), wasmMs: d.reason.wasmMs.toFixed(1) } : {});
    return html`<div class="ml-init-engine" data-engine="tf" data-backend=${d.name}>
        <p>
          <span class="ml-badge">${format(e.tf, { backend: this.s.backendNames[d.name], reason })}</span>
          <span class="ml-init__note">${format(e.ms, { ms: run.ms.toFixed(0) })}</span>
        </p>
        ${d.skipped.length
          ? html`<ul class="ml-init-engine__skipped">
              ${d.skipped.map(({ name, reason: why }) => {
                const detail = why.code === 'init-failed' ? { message: why.message } : why.code === 'slower' ? { ms: why.ms.toFixed(1), wasmMs: why.wasmMs.toFixed(1) } : {};
                return html`<li>${format(this.s.skippedLine, { name: this.s.backendNames[name], why: format(this.s.skipped[why.code], detail) })}</li>`;
              })}
            </ul>`
          : nothing}
      </div>
      ${busy}`;
  }

  private renderControls(): TemplateResult {
    const s = this.s;
    const kind = this.state.init;
    return html`<div class="ml-controls ml-init-controls">
      ${selectField(this, 'init', { label: s.init.label, options: s.init.options })}
      ${kind === 'normal' ? sliderField(this, 'sigma', { label: s.sigma, step: 0.001, min: 0.001, max: 2, format: (v) => String(v) }) : nothing}
      ${kind === 'uniform' ? sliderField(this, 'limit', { label: s.limit, step: 0.001, min: 0.001, max: 2, format: (v) => String(v) }) : nothing}
      ${sliderField(this, 'depth', { label: s.depth, step: 1 })}
      ${sliderField(this, 'width', { label: s.width, step: 16 })}
    </div>
    ${toggleGroup(this, 'activation', { label: s.activation.label, options: { tanh: s.activation.tanh, relu: s.activation.relu, sigmoid: s.activation.sigmoid } })}
    <div class="ml-controls">
      ${checkboxField(this, 'compare', { label: s.compare })}
      <button type="button" class="ml-button" data-field="seed" @click=${() => this.patch({ seed: (this.state.seed % MAX_SEED) + 1 })}>
        ${format(s.reseed, { seed: this.state.seed })}
      </button>
      ${selectField(this, 'backend', { label: s.backend.label, options: s.backend.options, hint: s.backend.hint })}
    </div>`;
  }

  private renderResults(): TemplateResult | typeof nothing {
    const sample = this.sample;
    if (sample === null || sample === undefined) return html`<p class="ml-init__note" role="status">${this.s.loading}</p>`;
    if (!sample.ok) {
      return html`<div class="ml-error" role="alert" data-load-error=${sample.code}>
        <p>${format(this.s.loadFailed, { why: sample.code })}</p>
        <button type="button" class="ml-button" data-action="retry" @click=${() => this.load()}>${this.s.retry}</button>
      </div>`;
    }
    const run = this.run;
    if (!run) return nothing;
    const width = this.size.width;
    const stale = run.key !== this.keyOf(this.state);
    const main = run.results[0];
    return html`<div class=${`ml-init-results${stale ? ' ml-init-results--stale' : ''}`} aria-busy=${stale ? 'true' : 'false'} data-key=${run.key}>
      ${summary(this.state, run.results, this.s)}
      ${stdChart(this.state, run.results, this.s, width)}
      ${main ? layerStrip(this.state, main, this.s, width) : nothing}
    </div>`;
  }

  protected renderBody(): TemplateResult {
    return html`${this.renderControls()} ${formulaCard(this.state, this.s)} ${this.renderEngine()} ${this.renderResults()}`;
  }
}

customElements.define(initIsland.tag, InitIsland);
