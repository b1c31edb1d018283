import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { problemText } from '../../ui/shell-strings';
import type { FromWorker, ToWorker } from '../../../src/lib/mnist/protocol';
import { parseField, type StateOf } from '../../../src/lib/state/codec';
import type { PreparedDigit } from '../../../src/lib/mnist/preprocess-drawing';
import { mnistSchema } from './schema';
import { mnistIsland } from './definition';
import { initialRun, reduceRun, type RunState } from './run';
import { renderCharts, renderEpochTable, renderFinal, renderProbabilities } from './views';
import './digit-pad';
import type { DigitPad } from './digit-pad';

const BACKEND_LABELS: Record<string, string> = { auto: '自动', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)} 时 ${Math.round((s % 3600) / 60)} 分` : s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`;
}

/** True when TensorFlow.js has a model saved by this page in IndexedDB (checked without loading TensorFlow.js). */
async function savedModelExists(): Promise<boolean> {
  if (!('indexedDB' in self) || !indexedDB.databases) return false;
  const databases = await indexedDB.databases().catch(() => []);
  return databases.some((db) => db.name === 'tensorflowjs');
}

/**
 * Chapter 5's live section: trains the source's CNN on the real MNIST split in a Web
 * Worker, shows progress and curves, evaluates on all 10,000 test images after each
 * epoch, and lets the reader draw digits for the trained (or saved, or uploaded) model.
 * Its observable state is mirrored in data attributes for tests and tooling.
 */
export class MnistIsland extends LiveIsland<typeof mnistSchema> {
  static override properties = { ...LiveIsland.properties, run: { state: true }, probabilities: { state: true }, sample: { state: true } };
  readonly schema = mnistIsland.schema;
  readonly presets = mnistIsland.presets;
  readonly meta = mnistIsland.strings['zh-CN'];
  declare run: RunState;
  declare probabilities: number[] | null;
  /** The test image last put on the pad, to show its true label. */
  declare sample: { index: number; label: number } | null;
  private worker: Worker | null = null;
  private predictionId = 0;

  constructor() {
    super();
    this.run = initialRun();
    this.probabilities = null;
    this.sample = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.warnBeforeLeaving);
    void savedModelExists().then((exists) => {
      if (exists) this.send({ type: 'restore' });
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.warnBeforeLeaving);
    this.worker?.terminate();
  }

  private readonly warnBeforeLeaving = (event: BeforeUnloadEvent): void => {
    if (this.run.status === 'training' || this.run.status === 'loading' || this.run.status === 'paused') event.preventDefault();
  };

  private send(message: ToWorker): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('../../../src/workers/mnist-trainer.worker.ts', import.meta.url), { type: 'module' });
      this.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.receive(event.data));
      this.worker.addEventListener('error', (event) => {
        this.run = { ...this.run, status: 'error', error: `训练线程出错：${event.message || '无法启动'}` };
      });
    }
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'prediction') {
      if (message.id === this.predictionId) this.probabilities = message.probabilities;
      return;
    }
    if (message.type === 'sample') {
      // Drawing emits `digit` (which clears the label of any previous sample), then label it.
      this.querySelector<DigitPad>('ml-digit-pad')?.drawPixels(message.pixels);
      this.sample = { index: message.index, label: message.label };
      return;
    }
    if (message.type === 'exported') {
      this.download('mnist-cnn.json', new Blob([message.modelJson], { type: 'application/json' }));
      this.download('mnist-cnn.weights.bin', new Blob([message.weights], { type: 'application/octet-stream' }));
      this.announcement = '已下载 mnist-cnn.json 和 mnist-cnn.weights.bin。';
      return;
    }
    this.run = reduceRun(this.run, message);
    if (message.type === 'status' && message.status === 'done') this.announcement = '训练完成。';
    if (message.type === 'epoch') this.announcement = `第 ${message.report.epoch} 轮完成，测试准确率 ${(message.report.testAccuracy * 100).toFixed(2)}%。`;
  }

  private download(name: string, blob: Blob): void {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  private get dataUrl(): string {
    const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
    return new URL(`${base}data/mnist/`, location.origin).href;
  }

  private start(): void {
    const s = this.state;
    this.run = { ...initialRun(this.run.model), status: 'loading' };
    this.probabilities = null;
    this.send({
      type: 'train',
      baseUrl: this.dataUrl,
      config: { backend: s.backend, slice: s.slice, epochs: s.epochs, batchSize: s.batch, learningRate: s.lr, seed: s.seed },
    });
  }

  private requestSample(): void {
    this.send({ type: 'sample', baseUrl: this.dataUrl, index: Math.floor(Math.random() * 10_000) });
  }

  /** For tests and demonstrations: destroys the WebGPU device mid-run to exercise the fallback. */
  simulateDeviceLoss(): void {
    this.send({ type: 'simulate-device-loss' });
  }

  private onDigit(event: CustomEvent<PreparedDigit>): void {
    const digit = event.detail;
    this.sample = null;
    if (digit.empty || !this.run.model) {
      this.probabilities = null;
      return;
    }
    this.send({ type: 'predict', id: ++this.predictionId, pixels: digit.pixels });
  }

  private onFiles(event: Event): void {
    const files = [...((event.target as HTMLInputElement).files ?? [])];
    if (files.length) this.send({ type: 'import', files });
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const r = this.run;
    this.dataset['status'] = r.status;
    this.dataset['backend'] = r.backend?.name ?? '';
    this.dataset['epoch'] = String(r.batch?.epoch ?? 0);
    this.dataset['batch'] = String(r.batch?.batch ?? 0);
    this.dataset['loss'] = r.batch ? r.batch.loss.toFixed(4) : '';
    this.dataset['imagesPerSecond'] = r.batch ? r.batch.imagesPerSecond.toFixed(1) : '';
    const last = r.epochs.at(-1);
    this.dataset['testAccuracy'] = last ? last.testAccuracy.toFixed(4) : '';
    this.dataset['model'] = r.model ? r.model.source : '';
    // Tensor counts: at the start of training, and the latest report (epoch end or stop).
    this.dataset['tensorsStart'] = String(r.memory[0]?.numTensors ?? '');
    const latest = r.memory.length > 1 ? r.memory.at(-1)?.numTensors : r.epochs.at(-1)?.numTensors;
    this.dataset['tensorsLatest'] = String(latest ?? '');
  }

  private renderSettings(busy: boolean): TemplateResult {
    const s = this.state;
    const id = (name: string) => `${this.anchor}-${name}`;
    const number = (name: 'epochs' | 'batch' | 'lr', label: string, step: string) => html`<label for=${id(name)}>${label}
      <input id=${id(name)} type="number" step=${step} min=${mnistSchema[name].min} max=${mnistSchema[name].max} .value=${String(s[name])} ?disabled=${busy}
        @change=${(e: Event) => {
          const spec = mnistSchema[name];
          const parsed = parseField(spec, (e.target as HTMLInputElement).value.trim());
          if (parsed.ok) this.patch({ [name]: parsed.value } as Partial<StateOf<typeof mnistSchema>>);
          else this.announcement = `${label} 需在 ${spec.min}–${spec.max} 之间（${problemText(this.ui, parsed)}），已保留原值。`;
          this.requestUpdate();
        }} /></label>`;
    return html`<fieldset class="ml-mnist__settings" ?disabled=${busy}>
      <legend>训练设置</legend>
      <label for=${id('backend')}>计算后端
        <select id=${id('backend')} @change=${(e: Event) => this.patch({ backend: (e.target as HTMLSelectElement).value as typeof s.backend })}>
          ${mnistSchema.backend.values.map((v) => html`<option value=${v} ?selected=${s.backend === v}>${BACKEND_LABELS[v]}</option>`)}
        </select></label>
      <label for=${id('slice')}>训练数据
        <select id=${id('slice')} @change=${(e: Event) => this.patch({ slice: (e.target as HTMLSelectElement).value as typeof s.slice })}>
          <option value="quick" ?selected=${s.slice === 'quick'}>快速预览（6,000 张）</option>
          <option value="full" ?selected=${s.slice === 'full'}>完整（60,000 张，同原文）</option>
        </select></label>
      ${number('epochs', '轮数 epochs', '1')} ${number('batch', '批大小 batch', '1')} ${number('lr', '学习率', '0.0001')}
    </fieldset>`;
  }

  private renderControls(): TemplateResult {
    const { status } = this.run;
    const running = status === 'training' || status === 'loading' || status === 'paused';
    return html`<div class="ml-mnist__controls">
      ${running
        ? html`${status === 'paused'
              ? html`<button type="button" class="ml-button" data-action="resume" @click=${() => this.send({ type: 'resume' })}>继续</button>`
              : html`<button type="button" class="ml-button" data-action="pause" ?disabled=${status === 'loading'} @click=${() => this.send({ type: 'pause' })}>暂停</button>`}
            <button type="button" class="ml-button" data-action="stop" @click=${() => this.send({ type: 'stop' })}>停止</button>`
        : html`<button type="button" class="ml-button ml-button--primary" data-action="start" @click=${() => this.start()}>开始训练</button>`}
    </div>`;
  }

  private renderStatus(): TemplateResult {
    const r = this.run;
    const b = r.batch;
    return html`<div class="ml-mnist__status" role="status" aria-live="polite" aria-atomic="false">
      ${r.backend
        ? html`<p><span class="ml-badge" data-backend-badge>${BACKEND_LABELS[r.backend.name]}</span> ${r.backend.reason}
            ${r.backend.skipped.length ? html`<br /><small>未用：${r.backend.skipped.map((k) => `${BACKEND_LABELS[k.name]}（${k.why}）`).join('；')}</small>` : nothing}</p>`
        : nothing}
      ${r.download && r.status === 'loading'
        ? html`<label>下载 MNIST 数据 ${MB(r.download.loaded)} / ${MB(r.download.total)}
            <progress max=${r.download.total} .value=${r.download.loaded}></progress></label>`
        : nothing}
      ${r.dataCounts
        ? html`<p><small>数据：MNIST 共 ${(r.dataCounts.train + r.dataCounts.test).toLocaleString('en-US')} 张（训练 ${r.dataCounts.train.toLocaleString('en-US')} 张，测试 ${r.dataCounts.test.toLocaleString('en-US')} 张），本次训练用 ${this.state.slice === 'full' ? '全部训练图像' : '前 6,000 张训练图像'}；${r.dataFromCache ? '来自浏览器缓存，无需重新下载' : '已下载并缓存，下次访问直接使用'}。</small></p>`
        : nothing}
      ${b
        ? html`<p class="ml-mnist__progress">第 ${b.epoch}/${this.state.epochs} 轮 · 批 ${b.batch}/${b.batchesPerEpoch} · 损失 ${b.loss.toFixed(4)} · 训练准确率 ${(b.accuracy * 100).toFixed(1)}% ·
            ${Math.round(b.imagesPerSecond)} 张/秒 · 预计剩余 ${formatSeconds(b.secondsLeft)}</p>
            <progress class="ml-mnist__bar" aria-label="总体训练进度" max="1" .value=${(b.epoch - 1 + b.batch / b.batchesPerEpoch) / this.state.epochs}></progress>`
        : nothing}
      ${r.status === 'paused' ? html`<p>已暂停：模型和进度都保留着，点击“继续”接着训练。</p>` : nothing}
      ${r.status === 'stopped' ? html`<p>已停止。已完成的轮次保存在浏览器中，可以用下面的画板试试当前的模型。</p>` : nothing}
      ${r.notice ? html`<p class="ml-notice">${r.notice}</p>` : nothing}
      ${r.error ? html`<p class="ml-error" role="alert">${r.error}</p>` : nothing}
      ${r.memory.length ? html`<p><small>张量计数（tf.memory().numTensors）：${r.memory.map((m) => `${m.when} ${m.numTensors}`).join('；')}${r.epochs.length ? `；各轮结束 ${r.epochs.map((e) => e.numTensors).join('、')}` : ''}</small></p>` : nothing}
    </div>`;
  }

  private renderModel(): TemplateResult {
    const m = this.run.model;
    const sources = { trained: '本次训练', indexeddb: '上次保存在本浏览器中的模型', files: '从文件载入的模型' };
    return html`<section class="ml-mnist__model" aria-label="模型与手写画板">
      <h4>用你的模型识别手写数字</h4>
      <p>${m
        ? html`当前模型：${sources[m.source]}${m.testAccuracy !== null ? `，测试准确率 ${(m.testAccuracy * 100).toFixed(2)}%` : ''}${m.savedAt ? `，已保存于 ${new Date(m.savedAt).toLocaleString('zh-CN')}` : m.source === 'trained' ? '，但未能保存到本浏览器（存储可能已满或被禁用），请用“下载模型”保留它' : ''}。`
        : '还没有模型：先训练（“快速预览”一轮只需几十秒），或载入之前下载的模型文件。'}</p>
      <div class="ml-mnist__pad-row">
        <ml-digit-pad @digit=${(e: CustomEvent<PreparedDigit>) => this.onDigit(e)}></ml-digit-pad>
        <div>
          ${renderProbabilities(this.probabilities)}
          ${this.sample ? html`<p class="ml-mnist__hint" data-sample-label=${this.sample.label}>这是测试图像 #${this.sample.index}，真实标签是 ${this.sample.label}。</p>` : nothing}
          <p class="ml-mnist__pad-actions">
            <button type="button" class="ml-button" @click=${() => this.querySelector<DigitPad>('ml-digit-pad')?.clear()}>清空画板</button>
            <button type="button" class="ml-button" data-action="sample" ?disabled=${!m} @click=${() => this.requestSample()}>从测试集取一张</button>
            <button type="button" class="ml-button" ?disabled=${!m} data-action="export" @click=${() => this.send({ type: 'export' })}>下载模型</button>
            <label class="ml-button ml-file">载入模型文件…<input type="file" multiple accept=".json,.bin" @change=${(e: Event) => this.onFiles(e)} /></label>
          </p>
        </div>
      </div>
    </section>`;
  }

  protected renderBody(): TemplateResult {
    const r = this.run;
    const busy = r.status === 'training' || r.status === 'loading' || r.status === 'paused';
    return html`
      ${this.renderSettings(busy)} ${this.renderControls()} ${this.renderStatus()}
      ${r.trainPoints.length || r.validation.length ? renderCharts(r, this.state.epochs) : nothing}
      ${r.epochs.length ? renderEpochTable(r.epochs) : nothing}
      ${r.final ? renderFinal(r.final) : nothing}
      ${this.renderModel()}
    `;
  }
}

customElements.define(mnistIsland.tag, MnistIsland);
