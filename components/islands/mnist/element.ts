import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { format } from '../../ui/shell-strings';
import { tfWorker } from '../../../src/tf/client';
import { workerErrorInfo, workerErrorText, type WorkerErrorInfo } from '../../ui/worker-errors';
import { PendingFocus } from '../../ui/pending-focus';
import type { PreparedDigit } from '../../../src/lib/mnist/preprocess-drawing';
import type { TrainConfig } from '../../../src/lib/mnist/reports';
import type { ModelInfo, MnistTrainEvent } from '../../../src/workers/features/mnist-api';
import { mnistIsland } from './definition';
import { initialRun, isBusy, reduceRun, type RunAction, type RunState } from './run';
import { mnistStrings } from './strings';
import { settingsForm } from './settings-form';
import { renderCharts, renderEpochTable, renderFinal, renderProbabilities } from './views';
import { runStatus } from './status-view';
import { savedModelExists } from './storage';
import { downloadFile, mnistDataUrl } from './files';
import './digit-pad';
import type { DigitPad } from './digit-pad';

type ErrorInfo = WorkerErrorInfo;

/**
 * Chapter 5's live section: trains the source's CNN on the real MNIST split in the shared
 * TensorFlow.js worker, shows progress and curves, evaluates on all 10,000 test images
 * after each epoch, and lets the reader draw digits for the trained, saved or uploaded
 * model. Its observable state is mirrored in data attributes for tests and tooling.
 */
export class MnistIsland extends LiveIsland<typeof mnistIsland.schema> {
  static override properties = {
    ...LiveIsland.properties,
    run: { state: true },
    model: { state: true },
    probabilities: { state: true },
    sample: { state: true },
    importing: { state: true },
    importError: { state: true },
  };
  readonly schema = mnistIsland.schema;
  readonly presets = mnistIsland.presets;
  readonly meta = mnistIsland.strings['zh-CN'];
  private readonly s = mnistStrings['zh-CN'];
  private readonly size = new WidthController(this);
  declare run: RunState;
  declare model: ModelInfo | null;
  declare probabilities: number[] | null;
  /** The test image last put on the pad, to show its true label. */
  declare sample: { index: number; label: number } | null;
  declare importing: boolean;
  declare importError: ErrorInfo | null;
  private predictionId = 0;
  /** Where keyboard focus goes after the next render (the start/stop buttons swap). */
  private readonly focusNext = new PendingFocus(this);

  constructor() {
    super();
    this.run = initialRun();
    this.model = null;
    this.probabilities = null;
    this.sample = null;
    this.importing = false;
    this.importError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.warnBeforeLeaving);
    void savedModelExists().then((exists) => {
      if (!exists) return;
      tfWorker.call('mnist', 'restore', { backend: this.state.backend }).then(
        (info) => {
          if (info && !this.model) this.model = info;
        },
        () => undefined,
      );
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.warnBeforeLeaving);
  }

  private readonly warnBeforeLeaving = (event: BeforeUnloadEvent): void => {
    if (isBusy(this.run)) event.preventDefault();
  };

  protected override canReset(): boolean {
    return !isBusy(this.run);
  }

  private dispatchRun(message: MnistTrainEvent | RunAction): void {
    this.run = reduceRun(this.run, message);
    if (message.type === 'model') this.model = message.model;
    if (message.type === 'epoch') {
      this.announcement = format(this.s.status.epochDone, { epoch: message.report.epoch, accuracy: `${(message.report.testAccuracy * 100).toFixed(2)}%` });
    }
  }

  private start(): void {
    const s = this.state;
    const config: TrainConfig = { backend: s.backend, slice: s.slice, epochs: s.epochs, batchSize: s.batch, learningRate: s.lr, seed: s.seed };
    this.dispatchRun({ type: 'start', config });
    this.probabilities = null;
    this.focusNext.request('stop');
    tfWorker
      .call('mnist', 'train', { config, baseUrl: mnistDataUrl() }, { onEvent: (event) => this.dispatchRun(event) })
      .then(
        (result) => {
          this.focusNext.request('start');
          this.dispatchRun({ type: 'finished', status: result.status, epochsDone: result.epochsDone });
          if (result.status === 'done') this.announcement = this.s.status.done;
        },
        (error: unknown) => {
          this.focusNext.request('start');
          this.dispatchRun({ type: 'failed', ...workerErrorInfo(error) });
        },
      );
  }

  private pause(): void {
    void tfWorker.call('mnist', 'pause', null).then((ok) => ok && this.dispatchRun({ type: 'paused' }));
  }

  private resume(): void {
    void tfWorker.call('mnist', 'resume', null).then((ok) => ok && this.dispatchRun({ type: 'resumed' }));
  }

  private stop(): void {
    this.dispatchRun({ type: 'stopping' });
    void tfWorker.call('mnist', 'stop', null).catch(() => undefined);
  }

  private requestSample(): void {
    void tfWorker.call('mnist', 'sample', { baseUrl: mnistDataUrl(), index: Math.floor(Math.random() * 10_000) }).then(
      (result) => {
        // Drawing emits `digit` (which clears the label of any previous sample), then label it.
        this.querySelector<DigitPad>('ml-digit-pad')?.drawPixels(result.pixels);
        this.sample = { index: result.index, label: result.label };
      },
      (error: unknown) => (this.importError = workerErrorInfo(error)),
    );
  }

  /** For tests and demonstrations: destroys the WebGPU device mid-run to exercise the fallback. */
  simulateDeviceLoss(): void {
    void tfWorker.call('mnist', 'simulateDeviceLoss', null);
  }

  private onDigit(event: CustomEvent<PreparedDigit>): void {
    const digit = event.detail;
    this.sample = null;
    if (digit.empty || !this.model) {
      this.probabilities = null;
      return;
    }
    const id = ++this.predictionId;
    void tfWorker.call('mnist', 'predict', { pixels: digit.pixels }).then(
      (probabilities) => {
        if (id === this.predictionId) this.probabilities = probabilities;
      },
      () => undefined,
    );
  }

  private onFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length || isBusy(this.run)) return;
    this.importing = true;
    this.importError = null;
    tfWorker
      .call('mnist', 'import', { files, baseUrl: mnistDataUrl() }, { onEvent: (notice) => this.dispatchRun({ type: 'notice', notice }) })
      .then(
        (info) => {
          this.model = info;
          this.probabilities = null;
          this.announcement = this.s.model.loaded;
        },
        (error: unknown) => (this.importError = workerErrorInfo(error)),
      )
      .finally(() => (this.importing = false));
  }

  private exportModel(): void {
    void tfWorker.call('mnist', 'export', null).then(
      ({ modelJson, weights }) => {
        downloadFile('mnist-cnn.json', new Blob([modelJson], { type: 'application/json' }));
        downloadFile('mnist-cnn.weights.bin', new Blob([weights], { type: 'application/octet-stream' }));
        this.announcement = this.s.pad.exported;
      },
      (error: unknown) => (this.importError = workerErrorInfo(error)),
    );
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const r = this.run;
    const data = this.dataset;
    data['status'] = r.status;
    data['backend'] = r.backend?.name ?? '';
    data['epoch'] = String(r.batch?.epoch ?? 0);
    data['batch'] = String(r.batch?.batch ?? 0);
    data['loss'] = r.batch ? r.batch.loss.toFixed(4) : '';
    data['imagesPerSecond'] = r.batch ? r.batch.imagesPerSecond.toFixed(1) : '';
    data['testAccuracy'] = r.epochs.at(-1)?.testAccuracy.toFixed(4) ?? '';
    data['epochsDone'] = String(r.epochsDone);
    data['model'] = this.model?.source ?? '';
    data['modelAccuracy'] = this.model?.accuracy?.toFixed(4) ?? '';
    data['error'] = r.error?.code ?? this.importError?.code ?? '';
    data['tensorsBefore'] = String(r.memory.find((m) => m.when === 'before')?.numTensors ?? '');
    data['tensorsStart'] = String(r.memory.find((m) => m.when === 'start')?.numTensors ?? '');
    const latest = r.memory.length > 1 ? r.memory.at(-1)?.numTensors : r.epochs.at(-1)?.numTensors;
    data['tensorsLatest'] = String(latest ?? '');
  }

  private renderControls(): TemplateResult {
    const { status } = this.run;
    const a = this.s.actions;
    if (!isBusy(this.run)) {
      return html`<div class="ml-mnist__controls">
        <button type="button" class="ml-button ml-button--primary" data-action="start" @click=${() => this.start()}>${a.start}</button>
      </div>`;
    }
    return html`<div class="ml-mnist__controls">
      ${status === 'paused'
        ? html`<button type="button" class="ml-button" data-action="resume" @click=${() => this.resume()}>${a.resume}</button>`
        : html`<button type="button" class="ml-button" data-action="pause" ?disabled=${status !== 'training'} @click=${() => this.pause()}>${a.pause}</button>`}
      <button type="button" class="ml-button" data-action="stop" aria-disabled=${status === 'stopping' ? 'true' : 'false'} @click=${() => this.stop()}>
        ${status === 'stopping' ? a.stopping : a.stop}
      </button>
    </div>`;
  }

  private errorText(error: ErrorInfo): string {
    return workerErrorText(error, this.s.errors, this.s.errorFallback);
  }

  private renderModel(): TemplateResult {
    const m = this.model;
    const t = this.s.model;
    const busy = isBusy(this.run);
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    const parts: string[] = [];
    if (m) {
      parts.push(t.sources[m.source]);
      if (m.epochs !== null) parts.push(format(t.epochs, { epochs: m.epochs }));
      if (m.accuracy !== null) parts.push(format(m.source === 'files' ? t.accuracySample : t.accuracy, { count: m.evaluatedOn.toLocaleString('en-US'), accuracy: pct(m.accuracy) }));
      else if (m.source === 'files') parts.push(t.notEvaluated);
      parts.push(m.savedAt ? format(t.savedAt, { time: new Date(m.savedAt).toLocaleString('zh-CN') }) : t.notSaved);
    }
    return html`<section class="ml-mnist__model" aria-labelledby=${this.idFor('model-title')}>
      <h4 id=${this.idFor('model-title')}>${t.title}</h4>
      <p data-model-summary>${m ? `${parts.join('，')}。` : t.none}
        ${m && m.accuracy !== null && m.accuracy < 0.5 ? html`<strong>${t.weakModel}</strong>` : nothing}</p>
      ${this.importing ? html`<p role="status">${t.checking}</p>` : nothing}
      ${this.importError ? html`<p class="ml-error" role="alert" data-import-error=${this.importError.code}>${this.errorText(this.importError)}</p>` : nothing}
      <div class="ml-mnist__pad-row">
        <ml-digit-pad @digit=${(e: CustomEvent<PreparedDigit>) => this.onDigit(e)}></ml-digit-pad>
        <div>
          ${renderProbabilities(this.probabilities, this.s)}
          ${this.sample ? html`<p class="ml-mnist__hint" data-sample-label=${this.sample.label}>${format(this.s.pad.sample, { index: this.sample.index, label: this.sample.label })}</p>` : nothing}
          <p class="ml-mnist__pad-actions">
            <button type="button" class="ml-button" @click=${() => this.querySelector<DigitPad>('ml-digit-pad')?.clear()}>${this.s.actions.clear}</button>
            <button type="button" class="ml-button" data-action="sample" ?disabled=${!m} @click=${() => this.requestSample()}>${this.s.actions.sample}</button>
            <button type="button" class="ml-button" data-action="export" ?disabled=${!m} @click=${() => this.exportModel()}>${this.s.actions.export}</button>
            <label class="ml-button ml-file" aria-disabled=${busy || this.importing ? 'true' : 'false'}
              >${this.s.actions.import}<input type="file" multiple accept=".json,.bin,application/json,application/octet-stream"
                ?disabled=${busy || this.importing} data-action="import" @change=${(e: Event) => this.onFiles(e)}
            /></label>
          </p>
          ${busy ? html`<p class="ml-control__hint">${t.importLocked}</p>` : nothing}
        </div>
      </div>
    </section>`;
  }

  protected renderBody(): TemplateResult {
    const r = this.run;
    const busy = isBusy(r);
    const epochs = r.config?.epochs ?? this.state.epochs;
    return html`
      ${settingsForm(this, this.s, busy)} ${this.renderControls()}
      ${runStatus(r, this.model, this.s, r.error ? this.errorText(r.error) : null)}
      ${r.trainPoints.length || r.validation.length ? renderCharts(r, epochs, this.s, this.size.column(2)) : nothing}
      ${r.epochs.length ? renderEpochTable(r.epochs, this.s) : nothing} ${r.final ? renderFinal(r.final, this.s) : nothing}
      ${this.renderModel()}
    `;
  }
}

customElements.define(mnistIsland.tag, MnistIsland);
