import { html, svg, type TemplateResult } from 'lit';
import { xyChart } from '../../ui/charts/xy-chart';
import { format } from '../../ui/shell-strings';
import { perClassMetrics } from '../../../src/lib/ml/metrics';
import { toRgba } from '../../../src/lib/mnist/preprocess-drawing';
import type { EpochReport, FinalReport } from '../../../src/lib/mnist/reports';
import type { RunState } from './run';
import type { MnistStrings } from './strings';

const pct = (x: number | null, digits = 1) => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);

/** Loss and accuracy curves of the run (training, and validation on held-out test images). */
export function renderCharts(run: RunState, epochs: number, s: MnistStrings, width: number): TemplateResult {
  const train = run.trainPoints;
  const val = run.validation;
  const height = Math.round(Math.min(260, Math.max(200, width * 0.62)));
  const x = { domain: [0, Math.max(epochs, 1)] as const, label: s.charts.epochAxis, ticks: Math.min(epochs, 6) };
  const lowest = Math.min(0.8, ...train.map((p) => p.accuracy), ...val.map((p) => p.accuracy));
  return html`<div class="ml-chart-row ml-mnist__charts">
    <figure>
      <figcaption>${s.charts.loss}：<span class="ml-key ml-key--1">${s.charts.train}</span> <span class="ml-key ml-key--2">${s.charts.validation}</span></figcaption>
      ${xyChart({
        width,
        height,
        label: s.charts.loss,
        x,
        y: { domain: [0, Math.max(0.1, ...train.map((p) => p.loss), ...val.map((p) => p.loss))], label: s.charts.lossAxis, ticks: 5 },
        series: [
          { points: train.map((p) => ({ x: p.x, y: p.loss })), className: 'ml-series--1', label: s.charts.train },
          { points: val.map((p) => ({ x: p.at, y: p.loss })), className: 'ml-series--2', label: s.charts.validation },
        ],
      })}
    </figure>
    <figure>
      <figcaption>${s.charts.accuracy}：<span class="ml-key ml-key--1">${s.charts.train}</span> <span class="ml-key ml-key--2">${s.charts.validationNote}</span></figcaption>
      ${xyChart({
        width,
        height,
        label: s.charts.accuracy,
        x,
        y: { domain: [Math.floor(lowest * 10) / 10, 1], label: s.charts.accuracyAxis, ticks: 5, format: (v) => `${Math.round(v * 100)}%` },
        series: [
          { points: train.map((p) => ({ x: p.x, y: p.accuracy })), className: 'ml-series--1', label: s.charts.train },
          { points: val.map((p) => ({ x: p.at, y: p.accuracy })), className: 'ml-series--2', label: s.charts.validation },
        ],
      })}
    </figure>
  </div>`;
}

export function renderEpochTable(epochs: readonly EpochReport[], s: MnistStrings): TemplateResult {
  const t = s.epochTable;
  return html`<table class="ml-table ml-mnist__epochs">
    <caption>${t.caption}</caption>
    <thead><tr><th scope="col">${t.epoch}</th><th scope="col">${t.accuracy}</th><th scope="col">${t.loss}</th><th scope="col">${t.time}</th></tr></thead>
    <tbody>
      ${epochs.map(
        (e) => html`<tr data-epoch-row=${e.epoch}><td>${e.epoch}</td><td>${pct(e.testAccuracy, 2)}</td><td>${e.testLoss.toFixed(4)}</td><td>${format(t.seconds, { s: e.seconds.toFixed(0) })}</td></tr>`,
      )}
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

export function renderFinal(final: FinalReport, s: MnistStrings): TemplateResult {
  const f = s.final;
  const perClass = perClassMetrics(final.confusion);
  const max = Math.max(...final.confusion.flatMap((row, i) => row.filter((_, j) => j !== i)), 1);
  return html`<section class="ml-mnist__final" aria-label=${format(f.title, { accuracy: pct(final.testAccuracy, 2) })}>
    <h4>${format(f.title, { accuracy: pct(final.testAccuracy, 2) })}</h4>
    <div class="ml-mnist__final-grid">
      <div data-scroll-x>
        <table class="ml-table ml-mnist__confusion">
          <caption>${f.confusion}</caption>
          <thead><tr><th scope="col">${f.truthPredicted}</th>${final.confusion.map((_, j) => html`<th scope="col">${j}</th>`)}</tr></thead>
          <tbody>
            ${final.confusion.map(
              (row, i) => html`<tr><th scope="row">${i}</th>${row.map((count, j) => {
                const style = i === j ? '' : `--heat:${(count / max).toFixed(3)}`;
                return html`<td class=${i === j ? 'ml-diag' : 'ml-off'} style=${style}>${count}</td>`;
              })}</tr>`,
            )}
          </tbody>
        </table>
      </div>
      <table class="ml-table">
        <caption>${f.perClass}</caption>
        <thead><tr><th scope="col">${f.digit}</th><th scope="col">${f.precision}</th><th scope="col">${f.recall}</th><th scope="col">${f.f1}</th><th scope="col">${f.support}</th></tr></thead>
        <tbody>${perClass.map((c) => html`<tr><th scope="row">${c.label}</th><td>${pct(c.precision)}</td><td>${pct(c.recall)}</td><td>${pct(c.f1)}</td><td>${c.support}</td></tr>`)}</tbody>
      </table>
    </div>
    <h4>${format(f.wrong, { count: final.misclassified.length })}</h4>
    <ul class="ml-mnist__gallery">
      ${final.misclassified.map(
        (m) => html`<li><img src=${digitImage(m.pixels)} width="56" height="56" alt=${format(f.wrongAlt, { index: m.index, label: m.label, predicted: m.predicted })} />
          <span>${m.label} → <strong>${m.predicted}</strong><br /><small>${pct(m.confidence, 0)}</small></span></li>`,
      )}
    </ul>
  </section>`;
}

export function renderProbabilities(probabilities: number[] | null, s: MnistStrings): TemplateResult {
  if (!probabilities) return html`<p class="ml-mnist__hint">${s.pad.hint}</p>`;
  const best = probabilities.indexOf(Math.max(...probabilities));
  const answer = format(s.pad.answer, { digit: best, p: pct(probabilities[best] ?? 0) });
  return html`<figure class="ml-mnist__probs" data-prediction=${best}>
    <svg viewBox="0 0 220 130" width="220" height="130" role="img" aria-label=${answer}>
      ${probabilities.map(
        (p, digit) => svg`
        <rect x=${digit * 22 + 2} y=${110 - p * 100} width="18" height=${Math.max(p * 100, 0.5)} class=${digit === best ? 'ml-prob ml-prob--best' : 'ml-prob'} />
        <text x=${digit * 22 + 11} y="126" text-anchor="middle" font-size="12">${digit}</text>`,
      )}
    </svg>
    <figcaption>${answer}</figcaption>
  </figure>`;
}
