import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { numberField, selectField } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { tfWorker, TfWorkerError } from '../../../src/tf/client';
import { weightFileBytes } from '../../../src/lib/ml/compression';
import type { ExportResult, FilesCheck } from '../../../src/workers/features/compress-api';
import { mnistDataUrl } from '../mnist/files';
import { errorText, initialPrep, modelRequest, prepProgress, reducePrep, type PrepState, mirrorPrep } from '../compress/model-source';
import { MNIST_WEIGHT_SHAPES } from '../compress/model';
import { exportIsland } from './definition';
import { exportStrings } from './strings';
import { filesTable, roundTripCard, type FileRow } from './figures';
import '../compress/compress.css';

/**
 * Chapter 9.3's live section: the model written as TensorFlow.js files (float32, or kernels
 * as float16 / uint8 in the weights manifest), offered as downloads, loaded back from those
 * bytes and compared with the original on all 10,000 test images.
 */
export class ExportIsland extends LiveIsland<typeof exportIsland.schema> {
  static override properties = { ...LiveIsland.properties, prep: { state: true }, result: { state: true }, links: { state: true }, filesCheck: { state: true }, checking: { state: true }, checkError: { state: true } };
  readonly schema = exportIsland.schema;
  readonly presets = exportIsland.presets;
  readonly meta = exportIsland.strings['zh-CN'];
  private readonly s = exportStrings['zh-CN'];
  declare prep: PrepState;
  declare result: ExportResult | null;
  declare links: { json: string; weights: string } | null;
  /** The reader's files compared with the current model. */
  declare filesCheck: FilesCheck | null;
  declare checking: boolean;
  declare checkError: { code: string; detail: Record<string, string | number | boolean | null> } | null;

  constructor() {
    super();
    this.prep = initialPrep();
    this.result = null;
    this.links = null;
    this.filesCheck = null;
    this.checking = false;
    this.checkError = null;
  }

  protected override canReset(): boolean {
    return this.prep.status !== 'running';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.revoke();
  }

  private revoke(): void {
    if (!this.links) return;
    URL.revokeObjectURL(this.links.json);
    URL.revokeObjectURL(this.links.weights);
    this.links = null;
  }

  private run(): void {
    this.prep = { ...initialPrep(), status: 'running' };
    this.result = null;
    this.revoke();
    tfWorker
      .call('compress', 'export', { model: modelRequest(this.state), format: this.state.format, baseUrl: mnistDataUrl() }, {
        onEvent: (event) => (this.prep = reducePrep(this.prep, event)),
      })
      .then(
        (result) => {
          this.links = {
            json: URL.createObjectURL(new Blob([result.modelJson], { type: 'application/json' })),
            weights: URL.createObjectURL(new Blob([result.weights], { type: 'application/octet-stream' })),
          };
          this.result = result;
          this.prep = { ...this.prep, status: 'done', model: result.model, backend: result.backend };
          this.announcement = format(this.s.check.changed, { count: result.comparison.changed });
        },
        (error: unknown) => {
          const code = error instanceof TfWorkerError ? error.code : 'internal';
          this.prep = { ...this.prep, status: code === 'stopped' || code === 'data-aborted' ? 'stopped' : 'failed', error: code };
        },
      );
  }

  private onFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length || this.prep.status === 'running' || this.checking) return;
    this.checking = true;
    this.checkError = null;
    this.filesCheck = null;
    tfWorker
      .call('compress', 'check', { model: modelRequest(this.state), files, baseUrl: mnistDataUrl() }, { onEvent: (e) => (this.prep = reducePrep(this.prep, e)) })
      .then(
        (check) => {
          this.filesCheck = check;
          this.prep = { ...this.prep, model: check.model, backend: check.backend };
          this.announcement = format(this.s.check.changed, { count: check.comparison.changed });
        },
        (error: unknown) => {
          this.checkError = error instanceof TfWorkerError ? { code: error.code, detail: error.detail } : { code: 'internal', detail: {} };
        },
      )
      .finally(() => (this.checking = false));
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const data = this.dataset;
    mirrorPrep(data, this.prep);
    data['checkError'] = this.checkError?.code ?? '';
    data['checking'] = String(this.checking);
  }

  private fileRows(r: ExportResult | null): FileRow[] {
    const f = this.state.format;
    const names = r?.fileNames ?? { json: `mnist-cnn-${f}.json`, weights: `mnist-cnn-${f}.weights.bin` };
    const jsonBytes = r ? new TextEncoder().encode(r.modelJson).length : null;
    return [
      { kind: 'json', name: names.json, bytes: jsonBytes, ...(r && this.links ? { href: this.links.json } : {}) },
      { kind: 'weights', name: names.weights, bytes: r ? r.weights.byteLength : weightFileBytes(MNIST_WEIGHT_SHAPES, f), ...(r && this.links ? { href: this.links.weights } : {}) },
    ];
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const src = s.source;
    const running = this.prep.status === 'running';
    const r = this.result && this.result.format === this.state.format ? this.result : null;
    return html`
      <div class="ml-controls">
        ${selectField(this, 'format', { label: s.fields.format, options: s.formats, hint: s.hints.format, disabled: running })}
        ${selectField(this, 'source', { label: src.fields.source, options: src.sources, disabled: running })}
        ${selectField(this, 'backend', { label: src.fields.backend, options: src.backends, disabled: running })}
        ${numberField(this, 'images', { label: src.fields.images, hint: src.hints.images, disabled: running })}
        ${numberField(this, 'epochs', { label: src.fields.epochs, disabled: running })}
      </div>
      <p class="ml-compress__actions">
        ${running
          ? html`<button type="button" class="ml-button" data-action="stop" @click=${() => void tfWorker.call('compress', 'stop', null).catch(() => undefined)}>${src.stop}</button>`
          : html`<button type="button" class="ml-button ml-button--primary" data-action="run" @click=${() => this.run()}>${s.run}</button>`}
      </p>
      ${this.prep.status === 'idle' ? nothing : prepProgress(this.prep, src)}
      ${running ? html`<p role="status">${s.running}</p>` : nothing}
      ${this.prep.status === 'stopped' ? html`<p role="status">${src.stopped}</p>` : nothing}
      ${this.prep.status === 'failed' && this.prep.error ? html`<p class="ml-error" role="alert" data-error=${this.prep.error}>${errorText(this.prep.error, src)}</p>` : nothing}
      ${filesTable(this.fileRows(r), s)}
      ${r
        ? html`<p class="ml-compress__note" data-expected-bytes=${weightFileBytes(MNIST_WEIGHT_SHAPES, r.format)}>
              ${format(s.expected, { bytes: r.weights.byteLength.toLocaleString('en-US'), expected: weightFileBytes(MNIST_WEIGHT_SHAPES, r.format).toLocaleString('en-US') })}
            </p>
            ${roundTripCard(r, s)}`
        : nothing}
      <div class="ml-compress__upload">
        <label class="ml-button ml-file" aria-disabled=${running || this.checking ? 'true' : 'false'}
          >${s.upload.label}<input type="file" multiple accept=".json,.bin,application/json,application/octet-stream" data-action="check-files"
            ?disabled=${running || this.checking} @change=${(e: Event) => this.onFiles(e)}
        /></label>
        <span class="ml-control__hint">${s.upload.hint}</span>
      </div>
      ${this.checking ? html`<p role="status">${s.upload.checking}</p>` : nothing}
      ${this.checkError
        ? html`<p class="ml-error" role="alert" data-check-error=${this.checkError.code}>${errorText(this.checkError.code, src, this.checkError.detail)}</p>`
        : nothing}
      ${this.filesCheck
        ? roundTripCard(this.filesCheck, s, format(s.upload.title, { names: this.filesCheck.files.map((f) => f.name).join('、'), count: this.filesCheck.comparison.count.toLocaleString('en-US') }))
        : nothing}
    `;
  }
}

customElements.define(exportIsland.tag, ExportIsland);
