import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { numberField, selectField, sliderField, toggleGroup } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { tfWorker, TfWorkerError } from '../../../src/tf/client';
import type { CompressionSettings, VariantId } from '../../../src/lib/ml/compression';
import type { CompressEvent, VariantResult } from '../../../src/workers/features/compress-api';
import { mnistDataUrl } from '../mnist/files';
import { compressIsland } from './definition';
import { compressStrings } from './strings';
import { errorText, initialPrep, modelRequest, prepProgress, reducePrep, type PrepState, mirrorPrep } from './model-source';
import { explainCard, resultsTable, sizeAccuracyChart, variantLabel, type Row } from './figures';
import { BIAS_COUNT } from './model';
import './compress.css';

/**
 * Chapter 9.4's live section: the reader's chapter 5 model (or a short run trained here)
 * compressed six ways in the TensorFlow.js worker, each scored on all 10,000 test images.
 */
export class CompressIsland extends LiveIsland<typeof compressIsland.schema> {
  static override properties = { ...LiveIsland.properties, prep: { state: true }, results: { state: true }, measuredWith: { state: true }, current: { state: true } };
  readonly schema = compressIsland.schema;
  readonly presets = compressIsland.presets;
  readonly meta = compressIsland.strings['zh-CN'];
  private readonly s = compressStrings['zh-CN'];
  private readonly size = new WidthController(this);
  declare prep: PrepState;
  declare results: VariantResult[];
  /** The pruning settings the shown results were measured with. */
  declare measuredWith: CompressionSettings | null;
  /** The variant being evaluated now. */
  declare current: { id: VariantId; done: number; total: number } | null;

  constructor() {
    super();
    this.prep = initialPrep();
    this.results = [];
    this.measuredWith = null;
    this.current = null;
  }

  private settings(): CompressionSettings {
    return { sparsity: this.state.sparsity, scope: this.state.scope, granularity: this.state.gran };
  }

  protected override canReset(): boolean {
    return this.prep.status !== 'running';
  }

  private run(): void {
    const settings = this.settings();
    this.prep = { ...initialPrep(), status: 'running', model: null };
    this.current = null;
    const shown = new Map<VariantId, VariantResult>(this.results.map((r) => [r.id, r]));
    tfWorker
      .call('compress', 'run', { model: modelRequest(this.state), settings, baseUrl: mnistDataUrl() }, {
        onEvent: (event: CompressEvent) => {
          if (event.type === 'variant') {
            shown.set(event.result.id, event.result);
            this.results = [...shown.values()];
            this.current = { id: event.result.id, done: event.done, total: event.total };
            this.measuredWith = settings;
          } else {
            if (event.type === 'model') this.results = [];
            this.prep = reducePrep(this.prep, event);
          }
        },
      })
      .then(
        (result) => {
          this.results = result.results;
          this.measuredWith = settings;
          this.current = null;
          this.prep = { ...this.prep, status: 'done', model: result.model, backend: result.backend };
          this.announcement = format(this.s.done, { count: result.results.length, images: (result.results[0]?.evaluatedOn ?? 0).toLocaleString('en-US') });
        },
        (error: unknown) => {
          this.current = null;
          const code = error instanceof TfWorkerError ? error.code : 'internal';
          this.prep = { ...this.prep, status: code === 'stopped' || code === 'data-aborted' ? 'stopped' : 'failed', error: code };
        },
      );
  }

  private stop(): void {
    void tfWorker.call('compress', 'stop', null).catch(() => undefined);
  }

  private stale(): boolean {
    const m = this.measuredWith;
    if (!m || !this.results.length) return false;
    const now = this.settings();
    return m.sparsity !== now.sparsity || m.scope !== now.scope || m.granularity !== now.granularity;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const data = this.dataset;
    mirrorPrep(data, this.prep);
    data['results'] = String(this.results.length);
    data['stale'] = String(this.stale());
  }

  private rows(): Row[] {
    return this.results.map((r) => ({ id: r.id, bytes: r.bytes, accuracy: r.accuracy, changed: r.changed, msPer1000: r.msPer1000, maxAbsError: r.maxAbsError }));
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const src = s.source;
    const running = this.prep.status === 'running';
    const settings = this.measuredWith ?? this.settings();
    const pctFormat = (v: number) => `${Math.round(v * 100)}%`;
    const overflow = this.results.find((r) => r.id === 'float16')?.overflow ?? 0;
    return html`
      <div class="ml-controls">
        ${selectField(this, 'source', { label: src.fields.source, options: src.sources, disabled: running })}
        ${selectField(this, 'backend', { label: src.fields.backend, options: src.backends, disabled: running })}
        ${numberField(this, 'images', { label: src.fields.images, hint: src.hints.images, disabled: running })}
        ${numberField(this, 'epochs', { label: src.fields.epochs, disabled: running })}
      </div>
      <div class="ml-controls ml-compress__settings">
        ${sliderField(this, 'sparsity', { label: s.fields.sparsity, step: 0.01, format: pctFormat, hint: s.hints.sparsity, disabled: running })}
      </div>
      <div class="ml-controls">
        <div class="ml-control"><span class="ml-control__label">${s.fields.scope}</span>${toggleGroup(this, 'scope', { label: s.fields.scope, options: s.scopes, disabled: running })}</div>
        <div class="ml-control"><span class="ml-control__label">${s.fields.gran}</span>${toggleGroup(this, 'gran', { label: s.fields.gran, options: s.grans, disabled: running })}
          <span class="ml-control__hint">${s.hints.gran}</span></div>
      </div>
      <p class="ml-compress__actions">
        ${running
          ? html`<button type="button" class="ml-button" data-action="stop" @click=${() => this.stop()}>${src.stop}</button>`
          : html`<button type="button" class="ml-button ml-button--primary" data-action="run" @click=${() => this.run()}>
              ${this.stale() ? s.rerun : s.run}
            </button>`}
      </p>
      ${this.prep.status === 'idle' ? nothing : prepProgress(this.prep, src)}
      ${this.current && running
        ? html`<p role="status">${format(s.evaluating, { done: this.current.done, total: this.current.total, variant: variantLabel(this.current.id, settings, s) })}</p>`
        : nothing}
      ${this.prep.status === 'stopped' ? html`<p role="status">${src.stopped}</p>` : nothing}
      ${this.prep.status === 'failed' && this.prep.error ? html`<p class="ml-error" role="alert" data-error=${this.prep.error}>${errorText(this.prep.error, src)}</p>` : nothing}
      ${this.stale() ? html`<p class="ml-notice" role="note" data-stale>${s.stale}</p>` : nothing}
      ${this.results.length
        ? html`${resultsTable(this.rows(), settings, s)}
            ${overflow ? html`<p class="ml-error">${format(s.overflow, { count: overflow })}</p>` : nothing}
            <p class="ml-compress__note">${format(s.timeNote, { backend: this.prep.backend ? src.backends[this.prep.backend] : '' })}</p>
            <p class="ml-compress__note">${format(s.bytesNote, { biases: BIAS_COUNT })}</p>
            ${sizeAccuracyChart(this.rows(), settings, s, Math.min(this.size.width, 640))}`
        : nothing}
      ${explainCard(s)}
    `;
  }
}

customElements.define(compressIsland.tag, CompressIsland);
