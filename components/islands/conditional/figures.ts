import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { cachedTex as tex } from '../distributions/tex-cache';
import { format } from '../../ui/shell-strings';
import { CHART_FONT_PX, chartScales, xyChart, type Scales, type XYChartOptions } from '../../ui/charts/xy-chart';
import type { EventsInvalid } from '../../../src/lib/math/conditional';
import type { CondModel, ValidCondModel } from './model';
import type { CondStrings } from './strings';
import { plain, texEquals, texNumber } from '../distributions/numbers';

/**
 * The conditional-probability island's views, pure functions of the model: the element
 * draws them around its controls, and ConditionalIsland.astro renders them at build time.
 */

const eq = (x: number): string => texEquals(x);

export function problemText(problem: EventsInvalid, model: CondModel, s: CondStrings): string {
  const { pA, pB } = model.state;
  switch (problem.code) {
    case 'out-of-range':
      return format(s.invalid.outOfRange, { which: s.fields[problem.which], value: plain(problem.value) });
    case 'intersection-too-large':
      return format(s.invalid.tooLarge, { pAB: plain(problem.pAB), limitedBy: s.fields[problem.limitedBy], bound: plain(problem.bound) });
    case 'intersection-too-small':
      return format(s.invalid.tooSmall, { pAB: plain(problem.pAB), union: plain(pA + pB - problem.pAB), bound: plain(problem.bound) });
  }
}

/** Heights of B inside each column: P(B | A) and P(B | Ā) (0 for an empty column). */
function heights(model: ValidCondModel): { inA: number; inNotA: number } {
  const { pA } = model.state;
  const t = model.result.table;
  return { inA: pA > 0 ? t.aAndB / pA : 0, inNotA: pA < 1 ? t.notAB / (1 - pA) : 0 };
}

/** Ā, B̄: an overline, since B has no precomposed barred letter. */
const bar = (letter: string) => svg`<tspan class="cond-bar">${letter}</tspan>`;
const CELL_NAMES = {
  aAndB: svg`A∩B`,
  aNotB: svg`A∩${bar('B')}`,
  notAB: svg`${bar('A')}∩B`,
  notANotB: svg`${bar('A')}∩${bar('B')}`,
} as const;

type Cell = { key: keyof ValidCondModel['result']['table']; x0: number; x1: number; y0: number; y1: number; inA: boolean; inB: boolean };

export function mosaicChart(model: ValidCondModel, s: CondStrings, width: number, handle?: (scales: Scales) => SVGTemplateResult): TemplateResult {
  const { pA, given } = model.state;
  const h = heights(model);
  const table = model.result.table;
  const cells: Cell[] = [
    { key: 'aAndB', x0: 0, x1: pA, y0: 0, y1: h.inA, inA: true, inB: true },
    { key: 'aNotB', x0: 0, x1: pA, y0: h.inA, y1: 1, inA: true, inB: false },
    { key: 'notAB', x0: pA, x1: 1, y0: 0, y1: h.inNotA, inA: false, inB: true },
    { key: 'notANotB', x0: pA, x1: 1, y0: h.inNotA, y1: 1, inA: false, inB: false },
  ];
  const side = Math.min(width, 420);
  const outside = (c: Cell) => (given === 'b' && !c.inB) || (given === 'a' && !c.inA);
  const layer = (scales: Scales): SVGTemplateResult => {
    const X = scales.x;
    const Y = scales.y;
    const bOutline = [
      [0, 0],
      [0, h.inA],
      [pA, h.inA],
      [pA, h.inNotA],
      [1, h.inNotA],
      [1, 0],
    ]
      .map(([x = 0, y = 0], i) => `${i ? 'L' : 'M'}${X(x)} ${Y(y)}`)
      .join('');
    return svg`<g class="cond-mosaic">
      ${cells.map((c) => {
        const x = X(c.x0);
        const y = Y(c.y1);
        const w = X(c.x1) - x;
        const ht = Y(c.y0) - y;
        const cls = `cond-cell ${c.inA && c.inB ? 'cond-cell--ab' : c.inA ? 'cond-cell--a' : c.inB ? 'cond-cell--b' : 'cond-cell--none'} ${outside(c) ? 'cond-cell--out' : ''}`;
        const roomy = w >= 46 && ht >= 34;
        return svg`<rect class=${cls} x=${x} y=${y} width=${Math.max(0, w)} height=${Math.max(0, ht)}></rect>
          ${roomy
            ? svg`<text class="cond-cell__label" x=${x + w / 2} y=${y + ht / 2} text-anchor="middle" font-size=${CHART_FONT_PX}>
                <tspan x=${x + w / 2} dy="-0.2em">${CELL_NAMES[c.key]}</tspan>
                <tspan x=${x + w / 2} dy="1.2em">${plain(table[c.key])}</tspan></text>`
            : nothing}`;
      })}
      <rect class="cond-outline cond-outline--a" x=${X(0)} y=${Y(1)} width=${Math.max(0, X(pA) - X(0))} height=${Y(0) - Y(1)}></rect>
      <path class="cond-outline cond-outline--b" d=${`${bOutline}Z`}></path>
    </g>`;
  };
  const options: XYChartOptions = {
    width: side,
    height: side,
    label: s.mosaic.label,
    x: { domain: [0, 1], label: s.mosaic.x, nice: false, ticks: 5 },
    y: { domain: [0, 1], label: s.mosaic.y, nice: false, ticks: 5 },
    under: layer,
  };
  // The handle is a control, so it cannot sit inside the chart's role="img": it gets a
  // transparent twin SVG laid over the chart, with the same size and scales.
  const handles = handle
    ? svg`<svg class="cond-chart__handles" width=${side} height=${side} viewBox=${`0 0 ${side} ${side}`}>${handle(chartScales(options))}</svg>`
    : nothing;
  const r = model.result;
  const caption =
    given === 'b'
      ? format(s.mosaic.givenB, { value: r.pAgivenB === null ? '—' : plain(r.pAgivenB) })
      : given === 'a'
        ? format(s.mosaic.givenA, { value: r.pBgivenA === null ? '—' : plain(r.pBgivenA) })
        : format(s.mosaic.whole, { pA: plain(pA) });
  return html`<figure class="cond-figure" data-chart="mosaic">
    <div class="cond-chart">${xyChart(options)}${handles}</div>
    <figcaption>${caption}${handle ? html` ${s.mosaic.dragHint}` : nothing}</figcaption>
    <span class="ml-legend">
      <span class="ml-key cond-key--a">A</span><span class="ml-key cond-key--b">B</span><span class="ml-key cond-key--ab">A∩B</span>
    </span>
  </figure>`;
}

export function twoByTwo(model: ValidCondModel, s: CondStrings): TemplateResult {
  const t = model.result.table;
  const { pA, pB } = model.state;
  const cell = (key: keyof typeof t) => html`<td data-cell=${key}>${plain(t[key])}</td>`;
  return html`<table class="ml-table cond-table">
    <caption>${s.table.caption}</caption>
    <thead><tr><td></td><th scope="col">${tex('B')}</th><th scope="col">${tex('\\bar B')}</th><th scope="col">${s.table.total}</th></tr></thead>
    <tbody>
      <tr><th scope="row">${tex('A')}</th>${cell('aAndB')}${cell('aNotB')}<td class="cond-total">${plain(pA)}</td></tr>
      <tr><th scope="row">${tex('\\bar A')}</th>${cell('notAB')}${cell('notANotB')}<td class="cond-total">${plain(1 - pA)}</td></tr>
      <tr><th scope="row">${s.table.total}</th><td class="cond-total">${plain(pB)}</td><td class="cond-total">${plain(1 - pB)}</td><td class="cond-total">1</td></tr>
    </tbody>
  </table>`;
}

export function formulaCard(model: ValidCondModel, s: CondStrings): TemplateResult {
  const { pA, pB, pAB } = model.state;
  const r = model.result;
  const n = (x: number) => texNumber(x);
  const conditional = (name: string, given: string, denominator: number, value: number | null) =>
    value === null
      ? `P(${name}\\mid ${given})&=\\frac{P(A\\cap B)}{P(${given})}=\\frac{${n(pAB)}}{0}`
      : `P(${name}\\mid ${given})&=\\frac{P(A\\cap B)}{P(${given})}=\\frac{${n(pAB)}}{${n(denominator)}}${eq(value)}${n(value)}`;
  const rows = [
    conditional('A', 'B', pB, r.pAgivenB),
    conditional('B', 'A', pA, r.pBgivenA),
    `P(A\\cup B)&=P(A)+P(B)-P(A\\cap B)\\\\&=${n(pA)}+${n(pB)}-${n(pAB)}${eq(r.pUnion)}${n(r.pUnion)}`,
    ...(r.pAgivenB === null ? [] : [`P(A\\cap B)&=P(A\\mid B)\\,P(B)\\\\&=${n(r.pAgivenB)}\\times${n(pB)}${eq(r.pAgivenB)}${n(pAB)}`]),
  ];
  return html`<div class="ml-card cond-card" aria-live="polite" data-p-a-given-b=${r.pAgivenB ?? 'undefined'} data-p-b-given-a=${r.pBgivenA ?? 'undefined'}
      data-p-union=${r.pUnion}>
    <div class="cond-card__head">${s.formulas.title}</div>
    <div class="cond-card__formula" data-scroll-x>${tex(`\\begin{aligned}${rows.join('\\\\')}\\end{aligned}`, true)}</div>
    ${r.pAgivenB === null ? html`<p class="cond-note">${s.formulas.undefinedB}</p>` : nothing}
    ${r.pBgivenA === null ? html`<p class="cond-note">${s.formulas.undefinedA}</p>` : nothing}
  </div>`;
}

export function independenceCard(model: ValidCondModel, s: CondStrings): TemplateResult {
  const { pA, pB, pAB } = model.state;
  const r = model.result;
  const relation = r.independent ? '=' : '\\ne';
  const formula = `\\begin{aligned}P(A)\\,P(B)&=${texNumber(pA)}\\times${texNumber(pB)}${eq(r.productIfIndependent)}${texNumber(r.productIfIndependent)}\\\\P(A\\cap B)&=${texNumber(pAB)}\\;${relation}\\;P(A)\\,P(B)\\end{aligned}`;
  const disjoint = pAB === 0 && pA > 0 && pB > 0;
  const words = r.independent
    ? s.independence.independent
    : format(r.dependence > 0 ? s.independence.positive : s.independence.negative, {
        gap: plain(Math.abs(r.dependence)),
        pA: plain(pA),
        pAgivenB: r.pAgivenB === null ? '—' : plain(r.pAgivenB),
      });
  return html`<div class="ml-card cond-card" data-independent=${r.independent ? 'yes' : 'no'}>
    <div class="cond-card__head">${s.independence.title}</div>
    <div class="cond-card__formula" data-scroll-x>${tex(formula, true)}</div>
    <p>${words}</p>
    ${disjoint ? html`<p class="cond-note">${s.independence.disjoint}</p>` : nothing}
  </div>`;
}
