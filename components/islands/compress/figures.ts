import { html, nothing, svg, type TemplateResult } from 'lit';
import { format } from '../../ui/shell-strings';
import { xyChart, type Marker } from '../../ui/charts/xy-chart';
import { VARIANT_IDS, type CompressionSettings, type VariantId } from '../../../src/lib/ml/compression';
import type { CompressStrings } from './strings';

/**
 * The 9.4 island's views, pure functions of the results: the element draws them from the
 * worker's measurements, CompressIsland.astro from the byte counts alone (no accuracies).
 */

export interface Row {
  id: VariantId;
  bytes: number;
  accuracy: number | null;
  changed: number | null;
  msPer1000: number | null;
  maxAbsError: number | null;
}

export const groupDigits = (n: number): string => n.toLocaleString('en-US');
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)}%`;
const signedPct = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(2)}`;

export function variantLabel(id: VariantId, settings: CompressionSettings, s: CompressStrings): string {
  return format(s.variants[id], { pct: pct(settings.sparsity, 0), scope: s.short[settings.scope], gran: s.short[settings.granularity] });
}

export function resultsTable(rows: readonly Row[], settings: CompressionSettings, s: CompressStrings): TemplateResult {
  const base = rows.find((r) => r.id === 'float32');
  const t = s.table;
  return html`<div data-scroll-x>
    <table class="ml-table ml-compress__table">
      <caption>${t.caption}</caption>
      <thead>
        <tr>
          <th scope="col">${t.variant}</th><th scope="col">${t.bytes}</th><th scope="col">${t.ratio}</th><th scope="col">${t.accuracy}</th>
          <th scope="col">${t.delta}</th><th scope="col">${t.changed}</th><th scope="col">${t.time}</th><th scope="col">${t.error}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr data-variant=${r.id} data-bytes=${r.bytes} data-accuracy=${r.accuracy ?? ''} data-changed=${r.changed ?? ''}>
            <th scope="row">${variantLabel(r.id, settings, s)}</th>
            <td>${groupDigits(r.bytes)}<br /><small>${kb(r.bytes)}</small></td>
            <td>${base ? `${((r.bytes / base.bytes) * 100).toFixed(1)}%` : t.notMeasured}</td>
            <td>${r.accuracy === null ? t.notMeasured : pct(r.accuracy)}</td>
            <td>${r.accuracy === null || base?.accuracy == null ? t.notMeasured : signedPct(r.accuracy - base.accuracy)}</td>
            <td>${r.changed === null ? t.notMeasured : groupDigits(r.changed)}</td>
            <td>${r.msPer1000 === null ? t.notMeasured : r.msPer1000.toFixed(0)}</td>
            <td>${r.maxAbsError === null ? t.notMeasured : r.maxAbsError.toExponential(2)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const dotClass = (id: VariantId): string => `ml-compress__dot--${VARIANT_IDS.indexOf(id) + 1}`;

/** Size (KB) against test accuracy, one marker per variant, each named beside its marker. */
export function sizeAccuracyChart(rows: readonly Row[], settings: CompressionSettings, s: CompressStrings, width: number): TemplateResult | typeof nothing {
  const measured = rows.filter((r): r is Row & { accuracy: number } => r.accuracy !== null);
  if (!measured.length) return nothing;
  const xs = measured.map((r) => r.bytes / 1000);
  const ys = measured.map((r) => r.accuracy * 100);
  const yLow = Math.max(0, Math.min(...ys) - 1);
  const yHigh = Math.min(100, Math.max(...ys) + 0.5);
  const markers: Marker[] = measured.map((r, i) => ({ x: xs[i]!, y: ys[i]!, className: dotClass(r.id), label: variantLabel(r.id, settings, s), radius: 6 }));
  const chart = xyChart({
    width,
    height: 260,
    label: s.chart.label,
    x: { domain: [0, Math.max(...xs) * 1.08], label: s.chart.x, ticks: 5 },
    y: { domain: [yLow, yHigh], label: s.chart.y, ticks: 5 },
    markers,
    over: (scales) =>
      svg`${markers.map(
        (m, i) => svg`<text class="ml-compress__dot-label" x=${scales.x(m.x)} y=${scales.y(m.y) - 9 - (i % 2) * 12}
          text-anchor=${m.x > scales.x.invert(width * 0.7) ? 'end' : 'middle'} font-size="11">${i + 1}</text>`,
      )}`,
  });
  return html`<figure class="ml-compress__chart" data-chart="size-accuracy" style=${`width: ${width}px; max-width: 100%`}>
    <figcaption>${s.chart.caption}</figcaption>
    ${chart}
    <ol class="ml-legend ml-compress__legend">
      ${measured.map((r) => html`<li><span class=${`ml-compress__swatch ${dotClass(r.id)}`} aria-hidden="true"></span>${variantLabel(r.id, settings, s)}</li>`)}
    </ol>
  </figure>`;
}

export function explainCard(s: CompressStrings): TemplateResult {
  return html`<details class="ml-compress__explain">
    <summary>${s.explain.title}</summary>
    <p>${s.explain.body}</p>
  </details>`;
}
