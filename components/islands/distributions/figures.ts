import { html, nothing, svg, type TemplateResult } from 'lit';
import { cachedTex as tex } from './tex-cache';
import { format } from '../../ui/shell-strings';
import { xyChart, pathOf, type Marker, type Point, type Series } from '../../ui/charts/xy-chart';
import { probabilityBars } from '../../ui/charts/probability-bars';
import type { Distribution } from '../../../src/lib/math/distributions';
import type { DistModel, DistProblem } from './model';
import type { DistStrings } from './strings';
import { percent, plain, texEquals, texFactor, texNumber } from './numbers';

/**
 * The distributions island's views, pure functions of the model: the element draws them
 * around its controls, and DistributionsIsland.astro renders them at build time.
 */
type Ready = Extract<DistModel, { ok: true }>;

const CHART_HEIGHT = 230;
/** Up to this many values a discrete distribution is drawn as bars; beyond, as a line. */
const BAR_LIMIT = 120;
const LINE_POINTS = 600;

function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = Math.ceil(items.length / max);
  return items.filter((_, i) => i % step === 0 || i === items.length - 1);
}

const headroom = (values: readonly number[]): readonly [number, number] => {
  const top = Math.max(0, ...values.filter(Number.isFinite));
  return [0, top > 0 ? top * 1.08 : 1];
};

export function problemText(problem: DistProblem, s: DistStrings): string {
  const sentence = format(s.invalid[problem.code], { value: plain(problem.value, 6), max: plain(problem.max), param: s.params[problem.param] });
  if (problem.code === 'p-out-of-range' && problem.value > 1 && problem.value <= 100) {
    return sentence + format(s.percentHint, { percent: plain(problem.value, 6), fraction: plain(problem.value / 100, 6) });
  }
  return sentence;
}

const isDiscrete = (d: Distribution): d is Distribution & { kind: 'binomial' | 'poisson' } => d.kind !== 'normal';

/** P(X = k) or f(x): the section's formula, then with the reader's numbers. */
function pointFormula(model: Ready): string {
  const d = model.shape.dist;
  const x = model.state.x;
  const value = `${model.at.density === 0 ? '=' : '\\approx'}${texNumber(model.at.density)}`;
  const lines = (general: string, at: string, filled: string) => `\\begin{aligned}&${general}\\\\&${at}=${filled}${value}\\end{aligned}`;
  if (d.kind === 'binomial') {
    const k = texNumber(x, 6);
    return lines(
      'P(X=k)=C_n^k\\,p^k(1-p)^{n-k}',
      `P(X=${k})`,
      `C_{${d.n}}^{${k}}\\times${texFactor(d.p)}^{${k}}\\times(1-${texFactor(d.p)})^{${texNumber(d.n - x, 6)}}`,
    );
  }
  if (d.kind === 'poisson') {
    const k = texNumber(x, 6);
    return lines('P(X=k)=\\frac{\\lambda^k e^{-\\lambda}}{k!}', `P(X=${k})`, `\\frac{${texFactor(d.lambda)}^{${k}}\\,e^{-${texFactor(d.lambda)}}}{${k}!}`);
  }
  const mu = d.mu < 0 ? `(${texNumber(d.mu)})` : texNumber(d.mu);
  return lines(
    'f(x)=\\frac{1}{\\sqrt{2\\pi\\sigma^2}}\\,e^{-\\frac{(x-\\mu)^2}{2\\sigma^2}}',
    `f(${texNumber(x, 6)})`,
    `\\frac{1}{\\sqrt{2\\pi\\times${texFactor(d.sigma)}^2}}\\,e^{-\\frac{(${texNumber(x, 6)}-${mu})^2}{2\\times${texFactor(d.sigma)}^2}}`,
  );
}

function cdfFormula(model: Ready): string {
  const d = model.shape.dist;
  const x = model.state.x;
  const { cdf, sf } = model.at;
  if (d.kind === 'normal') {
    const z = (x - d.mu) / d.sigma;
    const mu = d.mu < 0 ? `(${texNumber(d.mu)})` : texNumber(d.mu);
    return `\\begin{aligned}&F(${texNumber(x, 6)})=\\Phi\\!\\left(\\frac{${texNumber(x, 6)}-${mu}}{${texNumber(d.sigma)}}\\right)=\\Phi(${texNumber(z)})\\approx${texNumber(cdf)}\\\\&P(X>${texNumber(x, 6)})\\approx${texNumber(sf)}\\end{aligned}`;
  }
  const k = Math.floor(x);
  return `\\begin{aligned}&P(X\\le ${texNumber(x, 6)})=\\sum_{j=0}^{${k}}P(X=j)\\approx${texNumber(cdf)}\\\\&P(X>${texNumber(x, 6)})\\approx${texNumber(sf)}\\end{aligned}`;
}

function momentsFormula(model: Ready): string {
  const d = model.shape.dist;
  const { mean, variance } = model.shape;
  const sd = `\\sigma_X=\\sqrt{\\operatorname{Var}(X)}\\approx${texNumber(Math.sqrt(variance))}`;
  if (d.kind === 'binomial') {
    const p = texFactor(d.p);
    return `\\begin{aligned}&E[X]=np=${d.n}\\times${p}${texEquals(mean)}${texNumber(mean)}\\\\&\\operatorname{Var}(X)=np(1-p)\\\\&\\quad=${d.n}\\times${p}\\times(1-${p})${texEquals(variance)}${texNumber(variance)}\\\\&${sd}\\end{aligned}`;
  }
  if (d.kind === 'poisson') {
    return `\\begin{aligned}&E[X]=\\lambda=${texNumber(mean)}\\\\&\\operatorname{Var}(X)=\\lambda=${texNumber(variance)}\\\\&${sd}\\end{aligned}`;
  }
  return `\\begin{aligned}&E[X]=\\mu=${texNumber(mean)}\\\\&\\operatorname{Var}(X)=\\sigma^2=${texFactor(d.sigma)}^2=${texNumber(variance)}\\end{aligned}`;
}

export function formulaCards(model: Ready, s: DistStrings): TemplateResult {
  const d = model.shape.dist;
  const offInteger = isDiscrete(d) && !Number.isInteger(model.state.x);
  return html`<div class="dist-cards" aria-live="polite">
    <div class="ml-card dist-card" data-card="point" data-value=${model.at.density}>
      <div class="dist-card__head">${s.cards.point}</div>
      <div class="dist-card__formula" data-scroll-x>${tex(pointFormula(model), true)}</div>
      ${offInteger ? html`<p class="dist-note">${format(s.cards.offInteger, { x: plain(model.state.x, 6) })}</p>` : nothing}
      ${d.kind === 'binomial' && d.n === 1 ? html`<p class="dist-note" data-note="bernoulli">${s.cards.bernoulli}</p>` : nothing}
    </div>
    <div class="ml-card dist-card" data-card="cdf" data-value=${model.at.cdf}>
      <div class="dist-card__head">${s.cards.cdf}</div>
      <div class="dist-card__formula" data-scroll-x>${tex(cdfFormula(model), true)}</div>
    </div>
    <div class="ml-card dist-card" data-card="moments" data-mean=${model.shape.mean} data-variance=${model.shape.variance}>
      <div class="dist-card__head">${s.cards.moments}</div>
      <div class="dist-card__formula" data-scroll-x>${tex(momentsFormula(model), true)}</div>
    </div>
  </div>`;
}

function inDomain(x: number, domain: readonly [number, number]): boolean {
  return Number.isFinite(x) && x >= domain[0] && x <= domain[1];
}

/** The pmf as bars (a line when there are too many values) or the pdf with F(x) shaded. */
export function densityChart(model: Ready, s: DistStrings, width: number): TemplateResult {
  const { shape, state, at } = model;
  const x = state.x;
  if (shape.table) {
    const rows = shape.table;
    const domain = [shape.range.lo - 0.5, shape.range.hi + 0.5] as const;
    const asBars = rows.length <= BAR_LIMIT;
    const marker: Marker[] = inDomain(x, domain) && (!asBars || at.density === 0) ? [{ x, y: at.density, className: 'ml-marker--current', label: `${s.charts.at} ${plain(x, 6)}` }] : [];
    const chart = xyChart({
      width,
      height: CHART_HEIGHT,
      label: s.charts.pmf,
      x: { domain, label: s.charts.valueK, nice: false },
      y: { domain: headroom(rows.map((r) => r.pmf)), label: s.charts.probability },
      series: asBars ? [] : [{ points: thin(rows, LINE_POINTS).map((r) => ({ x: r.k, y: r.pmf })), className: 'ml-series--2', label: s.charts.pmf }],
      markers: marker,
      under: (scales) =>
        asBars
          ? probabilityBars(
              rows.map((r) => ({ x0: r.k - 0.5, x1: r.k + 0.5, y: r.pmf, ...(r.k === x ? { className: 'dist-bar--at' } : {}) })),
              scales,
              { className: 'dist-bars' },
            )
          : nothing,
    });
    return html`<figure data-chart="density"><figcaption>${s.charts.pmf}</figcaption>${chart}</figure>`;
  }
  const curve = shape.curve ?? [];
  const domain = [shape.range.lo, shape.range.hi] as const;
  const shaded = curve.filter((p) => p.x <= x);
  const chart = xyChart({
    width,
    height: CHART_HEIGHT,
    label: s.charts.pdf,
    x: { domain, label: s.charts.valueX, nice: false },
    y: { domain: headroom(curve.map((p) => p.density)), label: s.charts.density },
    series: [{ points: curve.map((p) => ({ x: p.x, y: p.density })), className: 'ml-series--2', label: s.charts.pdf }],
    markers: inDomain(x, domain) ? [{ x, y: at.density, className: 'ml-marker--current', label: `${s.charts.at} ${plain(x, 6)}` }] : [],
    under: (scales) => {
      if (shaded.length === 0) return nothing;
      const end = inDomain(x, domain) ? [{ x, y: at.density }] : [];
      const area: Point[] = [{ x: domain[0], y: 0 }, ...shaded.map((p) => ({ x: p.x, y: p.density })), ...end, { x: end.length ? x : (shaded.at(-1)?.x ?? domain[0]), y: 0 }];
      return svg`<path class="dist-area" d=${`${pathOf(area, scales)}Z`}></path>`;
    },
  });
  return html`<figure data-chart="density"><figcaption>${s.charts.pdf}</figcaption>${chart}</figure>`;
}

export function cdfChart(model: Ready, s: DistStrings, width: number): TemplateResult {
  const { shape, state, at } = model;
  const x = state.x;
  let points: Point[];
  let domain: readonly [number, number];
  if (shape.table) {
    const rows = shape.table;
    const first = rows[0];
    const last = rows.at(-1);
    domain = [shape.range.lo - 0.5, shape.range.hi + 0.5];
    points = [
      ...(first ? [{ x: domain[0], y: Math.max(0, first.cdf - first.pmf) }] : []),
      ...thin(rows, LINE_POINTS).map((r) => ({ x: r.k, y: r.cdf })),
      ...(last ? [{ x: domain[1], y: last.cdf }] : []),
    ];
  } else {
    domain = [shape.range.lo, shape.range.hi];
    points = (shape.curve ?? []).map((p) => ({ x: p.x, y: p.cdf }));
  }
  const series: Series[] = [{ points, className: 'ml-series--2', label: s.charts.cdf, step: shape.table !== null }];
  const chart = xyChart({
    width,
    height: CHART_HEIGHT,
    label: s.charts.cdf,
    x: { domain, label: shape.table ? s.charts.valueK : s.charts.valueX, nice: false },
    y: { domain: [0, 1], label: s.charts.cumulative, ticks: 5 },
    series,
    markers: inDomain(x, domain) ? [{ x, y: at.cdf, className: 'ml-marker--current', label: `F(${plain(x, 6)}) = ${plain(at.cdf)}` }] : [],
  });
  return html`<figure data-chart="cdf"><figcaption>${s.charts.cdf}</figcaption>${chart}</figure>`;
}

/** The sample histogram against the true pmf or pdf. */
export function histogramChart(model: Ready, s: DistStrings, width: number): TemplateResult {
  const { shape, histogram, state } = model;
  const discrete = shape.table !== null;
  const truth: Point[] = shape.table ? thin(shape.table, LINE_POINTS).map((r) => ({ x: r.k, y: r.pmf })) : (shape.curve ?? []).map((p) => ({ x: p.x, y: p.density }));
  const domain: readonly [number, number] = discrete ? [shape.range.lo - 0.5, shape.range.hi + 0.5] : [shape.range.lo, shape.range.hi];
  const yLabel = !discrete ? s.sampling.densityAxis : histogram.width === 1 ? s.sampling.frequency : s.sampling.frequencyPerUnit;
  const label = format(s.sampling.histogram, { count: state.draws.toLocaleString('en-US') });
  const chart = xyChart({
    width,
    height: CHART_HEIGHT,
    label,
    x: { domain, label: discrete ? s.charts.valueK : s.charts.valueX, nice: false },
    y: { domain: headroom([...truth.map((p) => p.y), ...histogram.bars.map((b) => b.value)]), label: yLabel },
    series: [{ points: truth, className: 'ml-series--1', label: s.sampling.truth }],
    markers: discrete && truth.length <= 40 ? truth.map((p) => ({ ...p, className: 'dist-marker--truth', label: `P(X = ${p.x})`, radius: 3 })) : [],
    under: (scales) => probabilityBars(histogram.bars.map((b) => ({ x0: b.x0, x1: b.x1, y: b.value })), scales, { className: 'dist-bars dist-bars--sample' }),
  });
  return html`<figure data-chart="histogram"><figcaption>${label}</figcaption>${chart}
    <span class="ml-legend"><span class="ml-key dist-key--sample">${s.sampling.sampleBars}</span><span class="ml-key ml-key--1">${s.sampling.truth}</span></span>
  </figure>`;
}

/** Sample mean and variance against the true ones, with the standard error as the yardstick. */
export function samplingSummary(model: Ready, s: DistStrings): TemplateResult {
  const { histogram, shape, state } = model;
  const m = histogram.moments;
  if (!m) return html`<p class="dist-note" data-moments="none">${s.sampling.none}</p>`;
  const se = Math.sqrt(shape.variance / m.count);
  const gap = Math.abs(m.mean - shape.mean);
  return html`<div class="dist-sampling-summary" data-sample-mean=${m.mean} data-sample-variance=${m.variance}>
    <p>${format(s.sampling.drawn, { count: m.count.toLocaleString('en-US'), seed: state.seed })}
      ${format(s.sampling.meanLine, { sample: plain(m.mean), truth: plain(shape.mean), gap: plain(gap, 2), se: plain(se, 2), ratio: se > 0 ? plain(gap / se, 2) : '0' })}
      ${format(s.sampling.varianceLine, { sample: plain(m.variance), truth: plain(shape.variance) })}</p>
    ${histogram.outside > 0 ? html`<p class="dist-note">${format(s.sampling.outside, { count: histogram.outside })}</p>` : nothing}
    <p class="dist-note">${s.sampling.standardError}</p>
  </div>`;
}

/** Binomial bars with the Poisson and (continuity-corrected) normal approximations, and their distances. */
export function approximationFigure(model: Ready, s: DistStrings, width: number): TemplateResult | typeof nothing {
  const approx = model.shape.approximations;
  const d = model.shape.dist;
  if (!approx || d.kind !== 'binomial') return nothing;
  const { quality, rows } = approx;
  if (!quality.poisson || !quality.normal || rows.length === 0) {
    return html`<section class="dist-approx"><h4>${s.approx.title}</h4><p class="dist-note">${s.approx.none}</p></section>`;
  }
  const first = rows[0]?.k ?? 0;
  const last = rows.at(-1)?.k ?? first;
  const domain = [first - 0.5, last + 0.5] as const;
  const asBars = rows.length <= BAR_LIMIT;
  const line = (pick: (r: (typeof rows)[number]) => number | null) => thin(rows, LINE_POINTS).map((r) => ({ x: r.k, y: pick(r) ?? Number.NaN }));
  const title = format(s.approx.chart, { n: d.n, p: plain(d.p) });
  const chart = xyChart({
    width,
    height: CHART_HEIGHT,
    label: title,
    x: { domain, label: s.charts.valueK, nice: false },
    y: { domain: headroom(rows.flatMap((r) => [r.binomial, r.poisson ?? 0, r.normal ?? 0])), label: s.charts.probability },
    series: [
      ...(asBars ? [] : [{ points: line((r) => r.binomial), className: 'ml-series--2', label: s.approx.binomial }]),
      { points: line((r) => r.normal), className: 'ml-series--3', label: s.approx.normal },
      ...(rows.length > 40 ? [{ points: line((r) => r.poisson), className: 'ml-series--1 dist-dashed', label: s.approx.poisson }] : []),
    ],
    markers: rows.length <= 40 ? rows.map((r) => ({ x: r.k, y: r.poisson ?? 0, className: 'dist-marker--poisson', label: `${s.approx.poisson} ${r.k}`, radius: 3.5 })) : [],
    under: (scales) => (asBars ? probabilityBars(rows.map((r) => ({ x0: r.k - 0.5, x1: r.k + 0.5, y: r.binomial })), scales, { className: 'dist-bars' }) : nothing),
  });
  const better = quality.better === 'normal' ? quality.normal.totalVariation : quality.poisson.totalVariation;
  const verdict = better < 0.01 ? s.approx.verdict.good : better < 0.05 ? s.approx.verdict.fair : s.approx.verdict.poor;
  const tv = (x: number) => `${plain(x, 3)}（${percent(x)}）`;
  return html`<section class="dist-approx" data-tv-poisson=${quality.poisson.totalVariation} data-tv-normal=${quality.normal.totalVariation} data-better=${quality.better ?? ''}>
    <h4>${s.approx.title}</h4>
    <figure data-chart="approximations"><figcaption>${title}</figcaption>${chart}
      <span class="ml-legend">
        <span class="ml-key dist-key--binomial">${s.approx.binomial}</span>
        <span class="ml-key ml-key--1">${s.approx.poisson}</span>
        <span class="ml-key ml-key--3">${s.approx.normal}</span>
      </span>
    </figure>
    <p>${format(s.approx.distances, { poisson: tv(quality.poisson.totalVariation), normal: tv(quality.normal.totalVariation) })}
      <strong>${quality.better === 'normal' ? s.approx.better.normal : s.approx.better.poisson}</strong>${verdict}</p>
    <p class="dist-note">${format(s.approx.rules, { poisson: quality.rulesOfThumb.poisson ? s.approx.yes : s.approx.no, normal: quality.rulesOfThumb.normal ? s.approx.yes : s.approx.no })}</p>
  </section>`;
}
