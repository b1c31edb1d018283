import { html, nothing, svg, type TemplateResult } from 'lit';
import { scaleBand, scaleLinear } from 'd3-scale';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { CHART_FONT_PX, xyChart, type Marker, type Series } from '../../ui/charts/xy-chart';
import type { DeepStackResult, LayerStats } from '../../../src/lib/ml/deep-stack';
import { hiddenGain, recommendedFor, varianceRows, type InitState, type VarianceRow } from './model';
import type { InitStrings } from './strings';

/**
 * The initialization island's figures as pure views: the variance rule with the reader's
 * widths, the per-layer standard deviations on a log axis and the per-layer activation
 * histograms. The live element and the static fallback (InitIsland.astro) draw the same.
 */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
const powerOfTen = (k: number): string => `10${String(k).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;

/** A positive number for TeX: plain when readable, else m × 10^e. */
export function texNumber(x: number, digits = 3): string {
  if (x === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(x)));
  if (e >= -3 && e < 5) return String(Number(x.toPrecision(digits)));
  const m = Number((x / 10 ** e).toPrecision(digits));
  return m === 1 ? `10^{${e}}` : `${m}\\times10^{${e}}`;
}

/** The same for plain text (figure captions): 1.2 × 10⁻⁹. */
export function textNumber(x: number, digits = 2): string {
  if (x === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(x)));
  if (e >= -3 && e < 5) return String(Number(x.toPrecision(digits)));
  return `${Number((x / 10 ** e).toPrecision(digits))} × ${powerOfTen(e)}`;
}

const percent = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function varianceTex(row: VarianceRow, state: InitState): string {
  const n = `n_{\\text{in}}`;
  const v = texNumber(row.variance);
  switch (state.init) {
    case 'normal':
      return `\\mathrm{Var}(W)=\\sigma^2=${texNumber(state.sigma)}^2=${v}`;
    case 'uniform':
      return `\\mathrm{Var}(W)=\\frac{a^2}{3}=\\frac{${texNumber(state.limit)}^2}{3}=${v}`;
    case 'glorot-normal':
    case 'glorot-uniform': {
      const rule = `\\mathrm{Var}(W)=\\frac{2}{${n}+n_{\\text{out}}}=\\frac{2}{${row.fanIn}+${row.fanOut}}=${v}`;
      return row.limit === null ? `${rule},\\ \\sigma=${texNumber(Math.sqrt(row.variance))}` : `${rule},\\ a=\\sqrt{3\\,\\mathrm{Var}(W)}=${texNumber(row.limit)}`;
    }
    case 'he-normal':
    case 'he-uniform': {
      const rule = `\\mathrm{Var}(W)=\\frac{2}{${n}}=\\frac{2}{${row.fanIn}}=${v}`;
      return row.limit === null ? `${rule},\\ \\sigma=${texNumber(Math.sqrt(row.variance))}` : `${rule},\\ a=\\sqrt{3\\,\\mathrm{Var}(W)}=${texNumber(row.limit)}`;
    }
  }
}

export function formulaCard(state: InitState, s: InitStrings): TemplateResult {
  const f = s.formula;
  const rows = varianceRows(state);
  const gain = hiddenGain(state);
  const layers = state.depth - 1;
  const total = gain ** layers;
  const relu = state.activation === 'relu';
  const gainTex = `${relu ? '\\tfrac12\\,' : ''}n_{\\text{in}}\\,\\mathrm{Var}(W)=${relu ? '\\tfrac12\\times' : ''}${state.width}\\times${texNumber(rows.find((r) => r.place === 'hidden')?.variance ?? 0)}=${texNumber(gain)}`;
  const verdict = Math.abs(Math.log10(gain)) < 0.05 ? f.gainSteady : gain < 1 ? f.gainVanish : f.gainExplode;
  return html`<div class="ml-init-formula" data-gain=${gain.toPrecision(6)}>
    <p class="ml-init-formula__title">${f.title}</p>
    <table class="ml-init-formula__rows">
      <tbody>
        ${rows.map(
          (row) => html`<tr data-place=${row.place} data-variance=${row.variance.toPrecision(6)}>
            <th scope="row">${format(f.places[row.place], { w: state.width })}</th>
            <td>${tex(varianceTex(row, state))}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${state.depth > 1
      ? html`<p>${f.gainIntro}</p>
          ${tex(gainTex, true)}
          <p>${format(verdict, { n: layers, total: textNumber(total) })}</p>
          ${state.activation === 'sigmoid' ? html`<p class="ml-init__note">${f.sigmoidNote}</p>` : nothing}`
      : nothing}
  </div>`;
}

interface Curves {
  activation: Series;
  gradient: Series;
  markers: Marker[];
  zeros: number;
}

function curvesOf(hidden: readonly LayerStats[], reference: boolean, names: { activation: string; gradient: string }): Curves {
  const log = (v: number) => (v > 0 ? Math.log10(v) : Number.NaN);
  const activation = hidden.map((l) => ({ x: l.layer, y: log(l.std) }));
  const gradient = hidden.map((l) => ({ x: l.layer, y: log(l.activationGradStd) }));
  const zeros = [...activation, ...gradient].filter((p) => !Number.isFinite(p.y)).length;
  const suffix = reference ? ' ml-init-line--reference' : '';
  const markers: Marker[] = reference
    ? []
    : [
        ...activation.map((p) => ({ ...p, className: 'ml-init-marker--activation', label: names.activation, radius: 3.5 })),
        ...gradient.map((p) => ({ ...p, className: 'ml-init-marker--gradient', label: names.gradient, radius: 3.5 })),
      ];
  return {
    activation: { points: activation, className: `ml-series--1${suffix}`, label: names.activation },
    gradient: { points: gradient, className: `ml-series--2${suffix}`, label: names.gradient },
    markers,
    zeros,
  };
}

export function stdChart(state: InitState, results: readonly DeepStackResult[], s: InitStrings, width: number): TemplateResult | typeof nothing {
  const main = results[0];
  if (!main?.ok) return nothing;
  const c = s.chart;
  const refName = s.init.short[recommendedFor(state.activation)];
  const reference = results[1]?.ok ? results[1] : null;
  const ours = curvesOf(main.hidden, false, { activation: c.activation, gradient: c.gradient });
  const theirs = reference
    ? curvesOf(reference.hidden, true, { activation: format(c.refActivation, { name: refName }), gradient: format(c.refGradient, { name: refName }) })
    : null;
  const ys = [ours, ...(theirs ? [theirs] : [])].flatMap((k) => [...k.activation.points, ...k.gradient.points]).map((p) => p.y).filter(Number.isFinite);
  let lo = Math.floor(Math.min(...ys, 0));
  let hi = Math.ceil(Math.max(...ys, 0));
  if (hi - lo < 2) [lo, hi] = [lo - 1, hi + 1];
  const span = hi - lo;
  const depth = state.depth;
  const height = Math.round(Math.min(320, Math.max(230, width * 0.55)));
  const chart = xyChart({
    width,
    height,
    label: `${c.title}：${c.activation}、${c.gradient}`,
    x: { domain: depth > 1 ? [1, depth] : [0.5, 1.5], label: c.x, ticks: Math.min(depth, 10), format: (v) => (Number.isInteger(v) ? String(v) : ''), nice: false },
    y: { domain: [lo, hi], label: c.y, ticks: Math.min(span, 6), format: (v) => (Number.isInteger(v) ? powerOfTen(v) : ''), nice: false },
    series: [...(theirs ? [theirs.activation, theirs.gradient] : []), ours.activation, ours.gradient],
    markers: ours.markers,
  });
  const zeros = ours.zeros + (theirs?.zeros ?? 0);
  return html`<figure class="ml-init-chart" data-act-std=${main.hidden.map((l) => l.std.toPrecision(6)).join(',')}
      data-grad-std=${main.hidden.map((l) => l.activationGradStd.toPrecision(6)).join(',')}>
    <figcaption>${c.title}</figcaption>
    ${chart}
    <p class="ml-legend">
      <span class="ml-key ml-key--1">${c.activation}</span>
      <span class="ml-key ml-key--2">${c.gradient}</span>
      ${theirs
        ? html`<span class="ml-key ml-key--1 ml-key--dashed">${format(c.refActivation, { name: refName })}</span>
            <span class="ml-key ml-key--2 ml-key--dashed">${format(c.refGradient, { name: refName })}</span>`
        : nothing}
    </p>
    <p class="ml-init__note">${c.logNote}${zeros ? ` ${format(c.zero, { n: zeros })}` : ''}</p>
    ${state.compare && !theirs && recommendedFor(state.activation) === state.init
      ? html`<p class="ml-init__note">${format(c.sameAsRecommended, { activation: s.activation[state.activation], name: refName })}</p>`
      : nothing}
  </figure>`;
}

/** One row per hidden layer, one cell per histogram bin, darker where more activations fall. */
export function layerStrip(state: InitState, result: DeepStackResult, s: InitStrings, width: number): TemplateResult | typeof nothing {
  if (!result.ok) return nothing;
  const t = s.strip;
  const hidden = result.hidden;
  const [lo, hi] = result.histogramDomain;
  const margin = { top: 6, right: 12, bottom: 40, left: 64 };
  const rowHeight = hidden.length > 12 ? 14 : 16;
  const height = margin.top + rowHeight * hidden.length + margin.bottom;
  const x = scaleLinear().domain([lo, hi]).range([margin.left, width - margin.right]);
  const rows = scaleBand<number>()
    .domain(hidden.map((l) => l.layer))
    .range([margin.top, margin.top + rowHeight * hidden.length])
    .paddingInner(0.12);
  const bins = hidden[0]?.histogram.length ?? 1;
  const cell = (x(hi) - x(lo)) / bins;
  const ticks = x.ticks(5);
  const bottom = margin.top + rowHeight * hidden.length;
  const last = hidden[hidden.length - 1];
  return html`<figure class="ml-init-strip">
    <figcaption>${t.title}</figcaption>
    <svg class="ml-chart" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} role="img" aria-label=${format(t.label, { depth: hidden.length })}>
      <g font-size=${CHART_FONT_PX}>
        ${hidden.map((layer) => {
          const peak = Math.max(...layer.histogram, 1);
          const y = rows(layer.layer) ?? 0;
          return svg`<text x=${margin.left - 6} y=${y + rows.bandwidth() / 2} dy="0.32em" text-anchor="end">${format(t.row, { k: layer.layer })}</text>
            ${layer.histogram.map((count, k) =>
              count > 0
                ? svg`<rect class="ml-init-strip__cell" x=${x(lo) + k * cell} y=${y} width=${cell + 0.3} height=${rows.bandwidth()}
                    fill-opacity=${Math.sqrt(count / peak).toFixed(3)} />`
                : nothing,
            )}`;
        })}
        ${ticks.map((v) => svg`<text x=${x(v)} y=${bottom + 16} text-anchor="middle">${String(Number(v.toFixed(2)))}</text>`)}
        <line class="ml-chart__axis-line" x1=${margin.left} x2=${width - margin.right} y1=${bottom} y2=${bottom} />
        <text class="ml-chart__axis-label" x=${(margin.left + width - margin.right) / 2} y=${height - 6} text-anchor="middle">${t.x}</text>
      </g>
    </svg>
    ${state.activation === 'relu' && last && last.above > 0
      ? html`<p class="ml-init__note">${format(t.reluAbove, { max: hi, k: last.layer, n: last.above })}</p>`
      : nothing}
  </figure>`;
}

const ratio = (a: number, b: number): string => (b > 0 ? textNumber(a / b) : '—');

export function summary(state: InitState, results: readonly DeepStackResult[], s: InitStrings): TemplateResult | typeof nothing {
  const main = results[0];
  if (!main) return nothing;
  if (!main.ok) {
    return html`<p class="ml-error" role="alert" data-overflow=${main.layer} data-phase=${main.phase}>
      ${format(s.overflow.text, { layer: main.layer, phase: s.overflow[main.phase] })}
    </p>`;
  }
  const first = main.hidden[0];
  const last = main.hidden[main.hidden.length - 1];
  if (!first || !last) return nothing;
  const u = s.summary;
  const reference = results[1]?.ok ? results[1] : null;
  const refFirst = reference?.hidden[0];
  const refLast = reference?.hidden[reference.hidden.length - 1];
  return html`<ul class="ml-init-summary" data-loss=${main.loss.toPrecision(6)}>
    ${state.depth > 1 ? html`<li>${format(u.ratio, { last: last.layer, ratio: ratio(last.std, first.std) })}</li>` : nothing}
    ${state.activation === 'relu'
      ? html`<li>${format(u.relu, { last: last.layer, zero: percent(last.zero), dead: percent(last.dead) })}</li>`
      : html`<li>${format(u.saturated, { last: last.layer, share: percent(last.saturated) })}</li>`}
    ${state.depth > 1 ? html`<li>${format(u.gradient, { last: last.layer, ratio: ratio(first.activationGradStd, last.activationGradStd) })}</li>` : nothing}
    <li>${format(u.loss, { loss: main.loss.toFixed(3) })}</li>
    ${refFirst && refLast && state.depth > 1
      ? html`<li>${format(u.reference, { name: s.init.short[recommendedFor(state.activation)], last: refLast.layer, ratio: ratio(refLast.std, refFirst.std) })}</li>`
      : nothing}
  </ul>`;
}
