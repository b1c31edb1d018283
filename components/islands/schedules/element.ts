import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { listField, numberField, selectField } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { tfWorker } from '../../../src/tf/client';
import { workerErrorInfo, workerErrorText, type WorkerErrorInfo } from '../../ui/worker-errors';
import { PendingFocus } from '../../ui/pending-focus';
import { SCHEDULE_KINDS, stepsPerEpoch } from '../../../src/lib/ml/lr-schedules';
import type { SchedulesEvent } from '../../../src/workers/features/schedules-api';
import { mnistDataUrl } from '../mnist/files';
import { schedulesIsland } from './definition';
import { deriveSchedules, runOf } from './model';
import { isActive, newJob, reduceJob, type Job, type JobAction } from './run';
import { schedulesStrings } from './strings';
import { gridTable, lossChart, lrChart, resultsTable, showRate } from './figures';

/**
 * 9.2's live section: the chapter 5 CNN trained with constant, step-decay and cosine learning
 * rates (same seed, same data order) in the TensorFlow.js worker, curves side by side, and a
 * learning rate × batch size grid of final losses. Observable state is mirrored in data
 * attributes for tests.
 */
export class SchedulesIsland extends LiveIsland<typeof schedulesIsland.schema> {
  static override properties = {
    ...LiveIsland.properties,
    compareJob: { state: true },
    gridJob: { state: true },
  };
  readonly schema = schedulesIsland.schema;
  readonly presets = schedulesIsland.presets;
  readonly meta = schedulesIsland.strings['zh-CN'];
  private readonly s = schedulesStrings['zh-CN'];
  private readonly size = new WidthController(this);
  declare compareJob: Job | null;
  declare gridJob: Job | null;
  /** The grid the last grid job ran (its rows and columns), kept while the form changes. */
  private gridShape: { lrs: number[]; batches: number[]; images: number } | null = null;
  /** The step count of the last compare job, for its loss chart's axis. */
  private compareSteps = 0;
  private readonly focusNext = new PendingFocus(this);

  constructor() {
    super();
    this.compareJob = null;
    this.gridJob = null;
  }

  private get busy(): boolean {
    return isActive(this.compareJob) || isActive(this.gridJob);
  }

  protected override canReset(): boolean {
    return !this.busy;
  }

  private dispatch(mode: Job['mode'], message: SchedulesEvent | JobAction): void {
    if (mode === 'compare' && this.compareJob) this.compareJob = reduceJob(this.compareJob, message);
    if (mode === 'grid' && this.gridJob) this.gridJob = reduceJob(this.gridJob, message);
  }

  private launch(mode: Job['mode'], planned: number, call: (onEvent: (event: SchedulesEvent) => void) => Promise<{ status: 'done' | 'stopped'; testImages: number }>): void {
    const job = newJob(mode, planned);
    if (mode === 'compare') this.compareJob = job;
    else this.gridJob = job;
    this.focusNext.request('stop');
    call((event) => this.dispatch(mode, event)).then(
      (result) => {
        this.focusNext.request(mode === 'compare' ? 'start' : 'grid');
        this.dispatch(mode, { type: 'finished', status: result.status, testImages: result.testImages });
        this.announcement = result.status === 'done' ? (mode === 'compare' ? this.s.status.done : this.s.status.gridDone) : this.s.status.stopped;
      },
      (error: unknown) => {
        this.focusNext.request(mode === 'compare' ? 'start' : 'grid');
        this.dispatch(mode, { type: 'failed', ...workerErrorInfo(error) });
      },
    );
  }

  private start(): void {
    const model = deriveSchedules(this.state);
    if (!model.ok) return;
    this.compareSteps = model.schedule.totalSteps;
    const args = { backend: this.state.backend, run: runOf(this.state), seed: this.state.seed, baseUrl: mnistDataUrl() };
    this.launch('compare', SCHEDULE_KINDS.length, (onEvent) => tfWorker.call('schedules', 'compare', args, { onEvent }));
  }

  private startGrid(): void {
    const shape = { lrs: [...this.state.gridLrs], batches: [...this.state.gridBatches], images: this.state.gridImages };
    this.gridShape = shape;
    const args = { backend: this.state.backend, lrs: shape.lrs, batchSizes: shape.batches, images: shape.images, seed: this.state.seed, baseUrl: mnistDataUrl() };
    this.launch('grid', shape.lrs.length * shape.batches.length, (onEvent) => tfWorker.call('schedules', 'grid', args, { onEvent }));
  }

  private activeMode(): Job['mode'] | null {
    return isActive(this.compareJob) ? 'compare' : isActive(this.gridJob) ? 'grid' : null;
  }

  private pause(): void {
    const mode = this.activeMode();
    if (mode) void tfWorker.call('schedules', 'pause', null).then((ok) => ok && this.dispatch(mode, { type: 'paused' }));
  }

  private resume(): void {
    const mode = this.activeMode();
    if (mode) void tfWorker.call('schedules', 'resume', null).then((ok) => ok && this.dispatch(mode, { type: 'resumed' }));
  }

  private stop(): void {
    const mode = this.activeMode();
    if (!mode) return;
    this.dispatch(mode, { type: 'stopping' });
    void tfWorker.call('schedules', 'stop', null).catch(() => undefined);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const data = this.dataset;
    const c = this.compareJob;
    data['status'] = c?.status ?? 'idle';
    data['gridStatus'] = this.gridJob?.status ?? 'idle';
    data['backend'] = (c ?? this.gridJob)?.backend?.name ?? '';
    data['error'] = c?.error?.code ?? this.gridJob?.error?.code ?? '';
    for (const kind of SCHEDULE_KINDS) {
      const run = c?.runs.find((r) => r.kind === kind);
      data[`rates${kind[0]!.toUpperCase()}${kind.slice(1)}`] = run ? run.rates.map((r) => r.toPrecision(8)).join(',') : '';
    }
  }

  private errorText(error: WorkerErrorInfo): string {
    return workerErrorText({ ...error, detail: { message: '', ...error.detail } }, this.s.errors, this.s.errorFallback);
  }

  private renderButtons(mode: Job['mode']): TemplateResult {
    const a = this.s.actions;
    const job = mode === 'compare' ? this.compareJob : this.gridJob;
    if (!isActive(job)) {
      const action = mode === 'compare' ? 'start' : 'grid';
      const blocked = this.busy || (mode === 'compare' && !deriveSchedules(this.state).ok) || (mode === 'grid' && ['gridLrs', 'gridBatches', 'gridImages'].some((f) => this.fieldErrors.has(f)));
      return html`<p class="sched-buttons">
        <button type="button" class=${`ml-button${mode === 'compare' ? ' ml-button--primary' : ''}`} data-action=${action} ?disabled=${blocked}
          @click=${() => (mode === 'compare' ? this.start() : this.startGrid())}>${mode === 'compare' ? a.start : a.grid}</button>
      </p>`;
    }
    const status = job?.status;
    return html`<p class="sched-buttons">
      ${status === 'paused'
        ? html`<button type="button" class="ml-button" data-action="resume" @click=${() => this.resume()}>${a.resume}</button>`
        : html`<button type="button" class="ml-button" data-action="pause" ?disabled=${status !== 'training'} @click=${() => this.pause()}>${a.pause}</button>`}
      <button type="button" class="ml-button" data-action="stop" aria-disabled=${status === 'stopping' ? 'true' : 'false'} @click=${() => this.stop()}>
        ${status === 'stopping' ? a.stopping : a.stop}
      </button>
    </p>`;
  }

  private statusLine(job: Job | null): TemplateResult | typeof nothing {
    if (!job) return nothing;
    const t = this.s.status;
    const parts: string[] = [];
    if (job.backend) parts.push(format(t.backend, { name: job.backend.name.toUpperCase() }));
    if (job.status === 'loading') parts.push(job.download ? format(t.download, { loaded: job.download.loaded.toLocaleString('en-US'), total: job.download.total.toLocaleString('en-US') }) : t.loading);
    const run = job.current !== null ? job.runs[job.current] : undefined;
    if (run && isActive(job)) {
      const step = run.losses.length;
      parts.push(
        job.mode === 'compare' && run.kind
          ? format(t.compareRun, { kind: this.s.kinds[run.kind], index: (job.current ?? 0) + 1, step, steps: run.steps })
          : format(t.gridCell, { index: (job.current ?? 0) + 1, cells: job.planned, lr: showRate(run.lr), batch: run.batchSize, step, steps: run.steps }),
      );
    }
    if (job.status === 'paused') parts.push(t.paused);
    if (job.status === 'stopped') parts.push(t.stopped);
    if (job.status === 'done') parts.push(job.mode === 'compare' ? t.done : t.gridDone);
    return html`<p class="sched-status" role="status" aria-live="polite" data-job=${job.mode}>${parts.join(' ')}</p>
      ${job.error ? html`<p class="ml-error" role="alert" data-error=${job.error.code}>${this.errorText(job.error)}</p>` : nothing}`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const f = s.fields;
    const busy = this.busy;
    const model = deriveSchedules(this.state);
    const width = this.size.column(2);
    const steps = stepsPerEpoch(this.state.images, this.state.batch);
    const size = format(s.size, { images: this.state.images.toLocaleString('en-US'), epochs: this.state.epochs, batch: this.state.batch, steps: steps * this.state.epochs, total: 3 * steps * this.state.epochs });
    const cells = this.state.gridLrs.length * this.state.gridBatches.length;
    const compare = this.compareJob;
    const shape = this.gridJob && this.gridShape ? this.gridShape : { lrs: this.state.gridLrs, batches: this.state.gridBatches, images: this.state.gridImages };
    return html`
      <fieldset class="sched-settings" ?disabled=${busy}>
        <legend>${f.legend}</legend>
        <div class="ml-controls">
          ${numberField(this, 'lr', { label: f.lr, step: 'any', disabled: busy })}
          ${numberField(this, 'lrMin', { label: f.lrMin, step: 'any', disabled: busy })}
          ${numberField(this, 'factor', { label: f.factor, step: 'any', disabled: busy })}
          ${numberField(this, 'every', { label: f.every, disabled: busy })}
          ${numberField(this, 'warmup', { label: f.warmup, disabled: busy })}
        </div>
        <div class="ml-controls">
          ${numberField(this, 'images', { label: f.images, disabled: busy })}
          ${numberField(this, 'epochs', { label: f.epochs, disabled: busy })}
          ${numberField(this, 'batch', { label: f.batch, disabled: busy })}
          ${numberField(this, 'seed', { label: f.seed, disabled: busy })}
          ${selectField(this, 'backend', { label: f.backend, options: f.backends, disabled: busy })}
        </div>
        ${busy ? html`<p class="ml-control__hint">${f.locked}</p>` : nothing}
      </fieldset>
      <p class="sched-size" data-size>${size}</p>
      ${model.ok
        ? nothing
        : html`<div class="ml-error" role="alert" data-problem=${model.problem.code}>
            <p>${format(s.problems[model.problem.code], Object.fromEntries(Object.entries(model.problem).map(([k, v]) => [k, String(v)])))}</p>
          </div>`}
      ${this.renderButtons('compare')} ${this.statusLine(compare)}
      <div class="ml-chart-row">
        ${model.ok ? lrChart(model, width, s) : nothing}
        ${compare && compare.runs.length ? lossChart(compare, this.compareSteps, width, s) : nothing}
      </div>
      ${compare && compare.runs.length ? html`<p class="ml-control__hint">${s.charts.smoothing}</p>${resultsTable(compare, s)}` : nothing}
      <fieldset class="sched-settings sched-grid-settings" ?disabled=${busy}>
        <legend>${f.gridLegend}</legend>
        <div class="ml-controls">
          ${listField(this, 'gridLrs', { label: f.gridLrs, placeholder: f.listHint, disabled: busy })}
          ${listField(this, 'gridBatches', { label: f.gridBatches, placeholder: '16,64,256', disabled: busy })}
          ${numberField(this, 'gridImages', { label: f.gridImages, disabled: busy })}
        </div>
      </fieldset>
      <p class="sched-size" data-grid-size>${format(s.gridSize, { cells, images: this.state.gridImages.toLocaleString('en-US') })}</p>
      ${this.renderButtons('grid')} ${this.statusLine(this.gridJob)}
      ${gridTable(this.gridJob, shape.lrs, shape.batches, shape.images, s)}
    `;
  }
}

customElements.define(schedulesIsland.tag, SchedulesIsland);
