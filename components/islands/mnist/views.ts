import { html, svg, type TemplateResult } from 'lit';
import { lineChart } from '../../ui/line-chart';
import { perClassMetrics } from '../../../src/lib/ml/metrics';
import { toRgba } from '../../../src/lib/mnist/preprocess-drawing';
import type { EpochReport, FinalReport } from '../../../src/lib/mnist/protocol';
import type { RunState } from './run';

const pct = (x: number | null, digits = 1) => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);

export function renderCharts(run: RunState, epochs: number): TemplateResult {
  const xMax = Math.max(epochs, 1);
  const train = run.trainPoints;
  const val = run.validation;
  return html`<div class="ml-mnist__charts">
    <figure>
      <svg viewBox="0 0 360 180" role="img" aria-label="损失曲线：训练集与验证集">
        ${lineChart(
          [
            { label: '训练', className: 'ml-chart__line--train', points: train.map((p) => ({ x: p.x, y: p.loss })) },
            { label: '验证', className: 'ml-chart__line--val', points: val.map((p) => ({ x: p.at, y: p.loss })) },
          ],
          { xMax, xLabel: '轮次 epoch', yMin: 0 },
        )}
      </svg>
      <figcaption>损失（交叉熵）：<span class="ml-key ml-key--train">训练</span> <span class="ml-key ml-key--val">验证（2,000 张未参与训练的测试图像）</span></figcaption>
    </figure>
    <figure>
      <svg viewBox="0 0 360 180" role="img" aria-label="准确率曲线：训练集与验证集">
        ${lineChart(
          [
            { label: '训练', className: 'ml-chart__line--train', points: train.map((p) => ({ x: p.x, y: p.accuracy })) },
            { label: '验证', className: 'ml-chart__line--val', points: val.map((p) => ({ x: p.at, y: p.accuracy })) },
          ],
          { xMax, xLabel: '轮次 epoch', yMin: Math.min(0.8, ...train.map((p) => p.accuracy), ...val.map((p) => p.accuracy)), yMax: 1, yFormat: (y) => `${(y * 100).toFixed(0)}%` },
        )}
      </svg>
      <figcaption>准确率：<span class="ml-key ml-key--train">训练</span> <span class="ml-key ml-key--val">验证</span></figcaption>
    </figure>
  </div>`;
}

export function renderEpochTable(epochs: readonly EpochReport[]): TemplateResult {
  return html`<table class="ml-table ml-mnist__epochs">
    <caption>每轮结束后在全部 10,000 张测试图像上的结果</caption>
    <thead><tr><th scope="col">轮次</th><th scope="col">测试准确率</th><th scope="col">测试损失</th><th scope="col">用时</th></tr></thead>
    <tbody>
      ${epochs.map((e) => html`<tr data-epoch-row=${e.epoch}><td>${e.epoch}</td><td>${pct(e.testAccuracy, 2)}</td><td>${e.testLoss.toFixed(4)}</td><td>${e.seconds.toFixed(0)} 秒</td></tr>`)}
    </tbody>
  </table>`;
}

const digitUrls = new WeakMap<Uint8Array, string>();

function digitImage(pixels: Uint8Array): string {
  let url = digitUrls.get(pixels);
  if (!url) {
    const canvas = document.createElement('canvas');
    canvas.width = 28;
    canvas.height = 28;
    const image = new ImageData(28, 28);
    image.data.set(toRgba(Float32Array.from(pixels, (v) => v / 255)));
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    url = canvas.toDataURL();
    digitUrls.set(pixels, url);
  }
  return url;
}

export function renderFinal(final: FinalReport): TemplateResult {
  const perClass = perClassMetrics(final.confusion);
  const max = Math.max(...final.confusion.flatMap((row, i) => row.filter((_, j) => j !== i)), 1);
  return html`<section class="ml-mnist__final" aria-label="最终评估">
    <h4>最终评估：测试准确率 ${pct(final.testAccuracy, 2)}</h4>
    <div class="ml-mnist__final-grid">
      <table class="ml-table ml-mnist__confusion" data-scroll-x>
        <caption>混淆矩阵（行：真实数字，列：预测数字；非对角线越深，混淆越多）</caption>
        <thead><tr><th scope="col">真\\预</th>${final.confusion.map((_, j) => html`<th scope="col">${j}</th>`)}</tr></thead>
        <tbody>
          ${final.confusion.map(
            (row, i) => html`<tr><th scope="row">${i}</th>${row.map((count, j) => {
              const style = i === j ? '' : `--heat:${(count / max).toFixed(3)}`;
              return html`<td class=${i === j ? 'ml-diag' : 'ml-off'} style=${style}>${count}</td>`;
            })}</tr>`,
          )}
        </tbody>
      </table>
      <table class="ml-table">
        <caption>各类别的精确率、召回率和 F1（第 3 章的同一个指标引擎）</caption>
        <thead><tr><th scope="col">数字</th><th scope="col">精确率</th><th scope="col">召回率</th><th scope="col">F1</th><th scope="col">样本数</th></tr></thead>
        <tbody>${perClass.map((c) => html`<tr><th scope="row">${c.label}</th><td>${pct(c.precision)}</td><td>${pct(c.recall)}</td><td>${pct(c.f1)}</td><td>${c.support}</td></tr>`)}</tbody>
      </table>
    </div>
    <h4>识别错的测试图像（前 ${final.misclassified.length} 张）</h4>
    <ul class="ml-mnist__gallery">
      ${final.misclassified.map(
        (m) => html`<li><img src=${digitImage(m.pixels)} width="56" height="56" alt=${`测试图像 #${m.index}：真实 ${m.label}，模型答 ${m.predicted}`} />
          <span>${m.label} → <strong>${m.predicted}</strong><br /><small>${pct(m.confidence, 0)}</small></span></li>`,
      )}
    </ul>
  </section>`;
}

export function renderProbabilities(probabilities: number[] | null): TemplateResult {
  if (!probabilities) return html`<p class="ml-mnist__hint">在左边写一个数字，这里会显示模型给 0–9 每个数字的概率。</p>`;
  const best = probabilities.indexOf(Math.max(...probabilities));
  return html`<figure class="ml-mnist__probs" data-prediction=${best}>
    <svg viewBox="0 0 220 130" role="img" aria-label=${`模型的回答：${best}（${pct(probabilities[best] ?? 0)}）`}>
      ${probabilities.map((p, digit) => svg`
        <rect x=${digit * 22 + 2} y=${110 - p * 100} width="18" height=${Math.max(p * 100, 0.5)} class=${digit === best ? 'ml-prob ml-prob--best' : 'ml-prob'} />
        <text x=${digit * 22 + 11} y="124" text-anchor="middle">${digit}</text>`)}
    </svg>
    <figcaption>模型的回答：<strong>${best}</strong>（${pct(probabilities[best] ?? 0)}）</figcaption>
  </figure>`;
}

