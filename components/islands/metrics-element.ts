import { html, nothing, svg, type TemplateResult } from 'lit';
import { LiveIsland } from '../ui/live-island';
import { tex } from '../ui/katex-html';
import { parseField, type StateOf } from '../../src/lib/state/codec';
import {
  binaryMetrics,
  countsAtThreshold,
  sourceF1,
  type BinaryCounts,
  type BinaryMetrics,
  type Ratio,
} from '../../src/lib/ml/metrics';
import { makeScoredSamples } from '../../src/lib/ml/scored-samples';
import { metricsSchema } from './metrics-schema';

type CountName = 'tp' | 'fp' | 'fn' | 'tn';
type MetricName = keyof BinaryMetrics;

const METRIC_LABELS: Record<MetricName, string> = {
  accuracy: '准确率 Accuracy',
  precision: '精确率 Precision',
  recall: '召回率 Recall',
  f1: 'F1 分数',
};

const fmt = (x: number): string => x.toFixed(3);

function undefinedReason(name: MetricName, counts: BinaryCounts, m: BinaryMetrics): string {
  switch (name) {
    case 'accuracy':
      return '四个计数都是 0，没有样本，准确率无定义。';
    case 'precision':
      return 'TP + FP = 0：模型没有把任何样本判为正例，精确率的分母为 0，无定义（scikit-learn 此时报告 0 并给出警告）。';
    case 'recall':
      return 'TP + FN = 0：数据里没有实际为正的样本，召回率的分母为 0，无定义。';
    case 'f1':
      if (m.precision.value === null || m.recall.value === null) return '精确率或召回率无定义，它们的调和平均 F1 也无定义。';
      return counts.tp === 0 ? 'TP = 0 时精确率和召回率都是 0，调和平均 0/0 无定义（惯例上记为 0）。' : '';
  }
}

/** The metric's formula, then the same formula with the reader's numbers, on two lines. */
function formula(name: MetricName, c: BinaryCounts, m: BinaryMetrics): string {
  const value = (r: Ratio): string => (r.value === null ? '\\text{无定义}' : fmt(r.value));
  const lines = (general: string, filled: string): string => `\\begin{aligned}&${general}\\\\&=${filled}\\end{aligned}`;
  switch (name) {
    case 'accuracy':
      return lines('\\frac{TP+TN}{TP+FP+FN+TN}', `\\frac{${c.tp}+${c.tn}}{${c.tp + c.fp + c.fn + c.tn}}=${value(m.accuracy)}`);
    case 'precision':
      return lines('\\frac{TP}{TP+FP}', `\\frac{${c.tp}}{${c.tp}+${c.fp}}=${value(m.precision)}`);
    case 'recall':
      return lines('\\frac{TP}{TP+FN}', `\\frac{${c.tp}}{${c.tp}+${c.fn}}=${value(m.recall)}`);
    case 'f1': {
      const p = m.precision.value;
      const r = m.recall.value;
      if (p === null || r === null) return lines('\\frac{2PR}{P+R}', value(m.f1));
      return lines('\\frac{2PR}{P+R}', `\\frac{2\\times${fmt(p)}\\times${fmt(r)}}{${fmt(p)}+${fmt(r)}}=${value(m.f1)}`);
    }
  }
}

export class MetricsIsland extends LiveIsland<typeof metricsSchema> {
  protected readonly schema = metricsSchema;
  private fieldErrors: Partial<Record<CountName, string>> = {};

  private get counts(): BinaryCounts {
    const s = this.state;
    if (s.mode === 'threshold') return countsAtThreshold(makeScoredSamples(s.seed), s.t);
    return { tp: s.tp, fp: s.fp, fn: s.fn, tn: s.tn };
  }

  protected override reset(): void {
    this.fieldErrors = {};
    super.reset();
  }

  private onCountInput(name: CountName, event: Event): void {
    const input = event.target as HTMLInputElement;
    const parsed = parseField(metricsSchema[name], input.value.trim());
    if (parsed.ok) {
      this.fieldErrors = { ...this.fieldErrors, [name]: undefined };
      this.patch({ [name]: parsed.value } as Partial<StateOf<typeof metricsSchema>>);
    } else {
      this.fieldErrors = { ...this.fieldErrors, [name]: `请输入 0 到 1000000 之间的整数（${parsed.reason}）` };
      this.requestUpdate();
    }
  }

  private countCell(name: CountName, label: string): TemplateResult {
    const id = `${this.anchor}-${name}`;
    const error = this.fieldErrors[name];
    return html`<td>
      <label class="ml-visually-hidden" for=${id}>${label}</label>
      <input
        id=${id}
        class="ml-count"
        type="number"
        inputmode="numeric"
        min="0"
        max="1000000"
        step="1"
        .value=${String(this.state[name])}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: Event) => this.onCountInput(name, e)}
      />
      ${error ? html`<span class="ml-field-error" id=${`${id}-error`}>${error}</span>` : nothing}
    </td>`;
  }

  private renderCountsEditor(): TemplateResult {
    return html`<table class="ml-table ml-confusion">
      <caption>混淆矩阵：直接修改四个计数</caption>
      <thead>
        <tr><td></td><th scope="col">预测为正</th><th scope="col">预测为负</th></tr>
      </thead>
      <tbody>
        <tr><th scope="row">实际为正</th>${this.countCell('tp', 'TP（真正例）')}${this.countCell('fn', 'FN（假负例）')}</tr>
        <tr><th scope="row">实际为负</th>${this.countCell('fp', 'FP（假正例）')}${this.countCell('tn', 'TN（真负例）')}</tr>
      </tbody>
    </table>`;
  }

  private renderThresholdEditor(counts: BinaryCounts): TemplateResult {
    const { t, seed } = this.state;
    const samples = makeScoredSamples(seed);
    const x = (score: number): number => 20 + score * 560;
    const sliderId = `${this.anchor}-threshold`;
    return html`
      <div class="ml-threshold">
        <label for=${sliderId}>判定阈值 t = <output>${t.toFixed(2)}</output>（得分 ≥ t 判为正例）</label>
        <input
          id=${sliderId}
          type="range"
          min="0"
          max="1"
          step="0.01"
          .value=${String(t)}
          @input=${(e: Event) => this.patch({ t: Number((e.target as HTMLInputElement).value) })}
        />
        <svg class="ml-strip" viewBox="0 0 600 110" role="img" aria-label=${`40 个样本的得分分布与阈值 ${t.toFixed(2)}`}>
          <rect x=${x(t)} y="8" width=${Math.max(0, 580 - x(t))} height="80" class="ml-strip__positive-zone" />
          <text x="22" y="24" class="ml-strip__label">实际为正</text>
          <text x="22" y="62" class="ml-strip__label">实际为负</text>
          ${samples.map((s) => {
            const predicted = s.score >= t;
            return svg`<circle cx=${x(s.score)} cy=${s.positive ? 38 : 76} r="6"
              class=${`ml-dot ${s.positive ? 'ml-dot--pos' : 'ml-dot--neg'} ${predicted ? 'ml-dot--predicted' : ''}`} />`;
          })}
          <line x1=${x(t)} x2=${x(t)} y1="4" y2="92" class="ml-strip__threshold" />
          <text x="20" y="106" class="ml-strip__axis">0</text>
          <text x="580" y="106" text-anchor="end" class="ml-strip__axis">1</text>
          <text x="300" y="106" text-anchor="middle" class="ml-strip__axis">模型给出的正例得分</text>
        </svg>
        <p class="ml-threshold__row">
          <span>TP = ${counts.tp}，FN = ${counts.fn}，FP = ${counts.fp}，TN = ${counts.tn}</span>
          <button type="button" class="ml-button" @click=${() => this.patch({ seed: (seed % 2_147_483_647) + 1 })}>
            换一组样本（种子 ${seed}）
          </button>
        </p>
      </div>
    `;
  }

  private renderMetric(name: MetricName, counts: BinaryCounts, m: BinaryMetrics): TemplateResult {
    const r = m[name];
    const reason = r.value === null ? undefinedReason(name, counts, m) : '';
    return html`<div class="ml-metric" data-metric=${name} data-value=${r.value === null ? 'undefined' : fmt(r.value)}>
      <div class="ml-metric__head">
        <span>${METRIC_LABELS[name]}</span>
        <strong>${r.value === null ? '无定义' : `${(r.value * 100).toFixed(1)}%`}</strong>
      </div>
      <div class="ml-metric__formula">${tex(formula(name, counts, m), true)}</div>
      ${reason ? html`<p class="ml-metric__why">${reason}</p>` : nothing}
    </div>`;
  }

  protected renderBody(): TemplateResult {
    const { mode } = this.state;
    const counts = this.counts;
    const m = binaryMetrics(counts);
    const wrong = sourceF1(m);
    return html`
      <div class="ml-modes" role="group" aria-label="输入方式">
        <button type="button" class="ml-button" aria-pressed=${mode === 'counts'} @click=${() => this.patch({ mode: 'counts' })}>
          编辑混淆矩阵
        </button>
        <button type="button" class="ml-button" aria-pressed=${mode === 'threshold'} @click=${() => this.patch({ mode: 'threshold' })}>
          移动判定阈值
        </button>
      </div>
      ${mode === 'counts' ? this.renderCountsEditor() : this.renderThresholdEditor(counts)}
      <div class="ml-metrics" aria-live="polite">
        ${(['accuracy', 'precision', 'recall', 'f1'] as const).map((name) => this.renderMetric(name, counts, m))}
      </div>
      <p class="ml-compare" data-source-f1=${wrong === null ? 'undefined' : fmt(wrong)}>
        对照勘误 E2：若按原文把“准确率与召回率”做调和平均，会得到
        <strong>${wrong === null ? '无定义' : fmt(wrong)}</strong>，而正确的 F1 是
        <strong>${m.f1.value === null ? '无定义' : fmt(m.f1.value)}</strong>。类别越不平衡，准确率越会掩盖召回率的不足。
      </p>
    `;
  }
}

customElements.define('ml-metrics', MetricsIsland);
