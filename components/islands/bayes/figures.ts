import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { cachedTex as tex } from '../distributions/tex-cache';
import { format } from '../../ui/shell-strings';
import type { DiagnosticInvalid, NaturalFrequencies } from '../../../src/lib/math/bayes';
import type { BayesModel, ValidBayesModel } from './model';
import type { BayesStrings } from './strings';
import { count, percent, plain, texEquals, texNumber } from '../distributions/numbers';

/**
 * The Bayes island's views, pure functions of the model: the element draws them around
 * its controls, and BayesIsland.astro renders them at build time.
 */

const eq = (x: number): string => texEquals(x);
const texPercent = (x: number): string => `${texNumber(Number((x * 100).toPrecision(4)))}\\%`;

export function problemText(problem: DiagnosticInvalid, model: BayesModel, s: BayesStrings): string {
  if (problem.code === 'out-of-range') {
    return format(s.invalid.outOfRange, { field: s.fields[problem.field], value: `${plain(model.state[problem.field])}%` });
  }
  return format(s.invalid.population, { value: problem.value, max: count(problem.max) });
}

type Group = 'tp' | 'fp' | 'fn' | 'tn';
const ORDER: readonly Group[] = ['tp', 'fp', 'fn', 'tn'];

function groupCounts(c: NaturalFrequencies): Record<Group, number> {
  return { tp: c.truePositive, fp: c.falsePositive, fn: c.falseNegative, tn: c.trueNegative };
}

/** A run of consecutive cells [start, end) of a row-major grid as at most three rectangles. */
function runRects(start: number, end: number, columns: number, cell: number, className: string): SVGTemplateResult[] {
  if (end <= start) return [];
  const rect = (col: number, row: number, cols: number, rows: number) =>
    svg`<rect class=${className} x=${col * cell} y=${row * cell} width=${cols * cell} height=${rows * cell}></rect>`;
  const firstRow = Math.floor(start / columns);
  const lastRow = Math.floor((end - 1) / columns);
  const firstCol = start % columns;
  const lastCol = (end - 1) % columns;
  if (firstRow === lastRow) return [rect(firstCol, firstRow, lastCol - firstCol + 1, 1)];
  const rects = [rect(firstCol, firstRow, columns - firstCol, 1)];
  if (lastRow > firstRow + 1) rects.push(rect(0, firstRow + 1, columns, lastRow - firstRow - 1));
  rects.push(rect(0, lastRow, lastCol + 1, 1));
  return rects;
}

/** Every one of the N people as a cell: the positives first, then the negatives. */
export function peopleGrid(model: ValidBayesModel, s: BayesStrings, width: number, idPrefix: string): TemplateResult {
  const c = model.result.counts;
  const groups = groupCounts(c);
  const columns = 100;
  // Square cells of 2–4 px: big enough to count rows by eye, small enough to fit a phone.
  const cell = Math.min(4, Math.max(2, Math.floor(width / columns)));
  const rows = Math.ceil(c.population / columns);
  const w = columns * cell;
  const h = rows * cell;
  let start = 0;
  const runs = ORDER.map((group) => {
    const rects = runRects(start, start + groups[group], columns, cell, `bayes-cell bayes-cell--${group}`);
    start += groups[group];
    return rects;
  });
  const patternId = `${idPrefix}-people-grid`;
  const label = format(s.grid.label, { population: count(c.population), tp: count(c.truePositive), fp: count(c.falsePositive), fn: count(c.falseNegative), tn: count(c.trueNegative) });
  return html`<figure class="bayes-grid" data-chart="people">
    <svg width=${w} height=${h} viewBox=${`0 0 ${w} ${h}`} role="img" aria-label=${label}>
      ${cell >= 4
        ? svg`<defs><pattern id=${patternId} width=${cell} height=${cell} patternUnits="userSpaceOnUse">
            <path d=${`M${cell} 0V${cell}H0`} class="bayes-grid__line"></path></pattern></defs>`
        : nothing}
      ${runs}
      ${cell >= 4 ? svg`<rect width=${w} height=${h} fill=${`url(#${patternId})`}></rect>` : nothing}
    </svg>
    <figcaption>${format(s.grid.caption, { population: count(c.population) })}</figcaption>
    <span class="ml-legend">
      ${ORDER.map((group) => html`<span class=${`ml-key bayes-key--${group}`} data-count=${groups[group]}>${format(s.grid[group], { count: count(groups[group]) })}</span>`)}
    </span>
  </figure>`;
}

export function frequencyTree(model: ValidBayesModel, s: BayesStrings): TemplateResult {
  const c = model.result.counts;
  const rate = (x: number) => html`<small>× ${percent(x)}</small>`;
  return html`<figure class="bayes-tree" data-chart="tree">
    <figcaption>${s.tree.caption}</figcaption>
    <div class="bayes-node bayes-node--root">${format(s.tree.population, { count: count(c.population) })}</div>
    <div class="bayes-tree__level">
      <div class="bayes-tree__branch">
        <div class="bayes-node bayes-node--sick">${format(s.tree.diseased, { count: count(c.diseased) })} ${rate(model.prevalence)}</div>
        <div class="bayes-tree__leaves">
          <div class="bayes-node bayes-node--tp" data-node="tp">${format(s.tree.tp, { count: count(c.truePositive) })} ${rate(model.sensitivity)}</div>
          <div class="bayes-node bayes-node--fn" data-node="fn">${format(s.tree.fn, { count: count(c.falseNegative) })} ${rate(1 - model.sensitivity)}</div>
        </div>
      </div>
      <div class="bayes-tree__branch">
        <div class="bayes-node bayes-node--healthy">${format(s.tree.healthy, { count: count(c.healthy) })} ${rate(1 - model.prevalence)}</div>
        <div class="bayes-tree__leaves">
          <div class="bayes-node bayes-node--fp" data-node="fp">${format(s.tree.fp, { count: count(c.falsePositive) })} ${rate(1 - model.specificity)}</div>
          <div class="bayes-node bayes-node--tn" data-node="tn">${format(s.tree.tn, { count: count(c.trueNegative) })} ${rate(model.specificity)}</div>
        </div>
      </div>
    </div>
    <p class="bayes-note">${format(s.rounding, { population: count(c.population) })}</p>
  </figure>`;
}

function splitBar(parts: [Group, number][], label: string): TemplateResult {
  const total = parts.reduce((sum, [, n]) => sum + n, 0);
  return html`<div class="bayes-split" role="img" aria-label=${label}>
    ${parts.map(([group, n]) => html`<span class=${`bayes-split__part bayes-cell--${group}`} style=${`flex-grow: ${total === 0 ? 0 : n}`}></span>`)}
  </div>`;
}

/** Among the positives: how many are ill; among the negatives: how many are well. */
export function splits(model: ValidBayesModel, s: BayesStrings): TemplateResult {
  const c = model.result.counts;
  const share = (part: number, whole: number) => (whole === 0 ? '—' : percent(part / whole));
  return html`<div class="bayes-splits">
    <p>${format(s.split.positives, { count: count(c.positive), tp: count(c.truePositive), share: share(c.truePositive, c.positive) })}</p>
    ${c.positive > 0 ? splitBar([['tp', c.truePositive], ['fp', c.falsePositive]], s.split.positivesLabel) : nothing}
    <p>${format(s.split.negatives, { count: count(c.negative), tn: count(c.trueNegative), share: share(c.trueNegative, c.negative) })}</p>
    ${c.negative > 0 ? splitBar([['fn', c.falseNegative], ['tn', c.trueNegative]], s.split.negativesLabel) : nothing}
  </div>`;
}

function card(name: string, title: string, formula: string, note: string | null, value: number | null): TemplateResult {
  return html`<div class="ml-card bayes-card" data-card=${name} data-value=${value === null ? 'undefined' : value}>
    <div class="bayes-card__head">${title}</div>
    <div class="bayes-card__formula" data-scroll-x>${tex(formula, true)}</div>
    ${note ? html`<p class="bayes-note">${note}</p>` : nothing}
  </div>`;
}

export function formulaCards(model: ValidBayesModel, s: BayesStrings): TemplateResult {
  const { prevalence: d, sensitivity: sens, specificity: spec } = model;
  const r = model.result;
  const c = r.counts;
  const n = (x: number) => texNumber(x);
  const tp = sens * d;
  const fp = (1 - spec) * (1 - d);
  const total = `\\begin{aligned}&P(+)=P(+\\mid D)\\,P(D)+P(+\\mid \\bar D)\\,P(\\bar D)\\\\&=${n(sens)}\\times${n(d)}+${n(1 - spec)}\\times${n(1 - d)}\\\\&=${n(tp)}+${n(fp)}${eq(r.pPositive)}${n(r.pPositive)}\\end{aligned}`;
  const posterior =
    r.posteriorPositive === null
      ? `P(D\\mid +)=\\frac{P(+\\mid D)\\,P(D)}{P(+)}=\\frac{${n(tp)}}{0}`
      : `\\begin{aligned}&P(D\\mid +)=\\frac{P(+\\mid D)\\,P(D)}{P(+)}\\\\&=\\frac{${n(tp)}}{${n(r.pPositive)}}${eq(r.posteriorPositive)}${n(r.posteriorPositive)}\\approx${texPercent(r.posteriorPositive)}\\end{aligned}`;
  const byCount =
    c.positive === 0
      ? `\\frac{TP}{TP+FP}=\\frac{0}{0}`
      : `\\frac{TP}{TP+FP}=\\frac{${c.truePositive}}{${c.truePositive}+${c.falsePositive}}\\approx${texPercent(c.truePositive / c.positive)}`;
  const negative =
    r.posteriorNegative === null || r.missedGivenNegative === null
      ? `P(\\bar D\\mid -)=\\frac{P(-\\mid \\bar D)\\,P(\\bar D)}{P(-)}=\\frac{${n(spec * (1 - d))}}{0}`
      : `\\begin{aligned}&P(\\bar D\\mid -)=\\frac{P(-\\mid \\bar D)\\,P(\\bar D)}{P(-)}\\\\&=\\frac{${n(spec)}\\times${n(1 - d)}}{${n(r.pNegative)}}${eq(r.posteriorNegative)}${n(r.posteriorNegative)}\\\\&P(D\\mid -)=1-P(\\bar D\\mid -)${eq(r.missedGivenNegative)}${n(r.missedGivenNegative)}\\end{aligned}`;
  return html`<div class="bayes-cards" aria-live="polite">
    ${card('total', s.formulas.total, total, null, r.pPositive)}
    ${card('posterior', s.formulas.posterior, posterior, r.posteriorPositive === null ? s.undefinedPositive : null, r.posteriorPositive)}
    ${card('counts', s.formulas.counts, byCount, s.precision, c.positive === 0 ? null : c.truePositive / c.positive)}
    ${card('negative', s.formulas.negative, negative, r.posteriorNegative === null ? s.undefinedNegative : null, r.posteriorNegative)}
  </div>`;
}

export function summary(model: ValidBayesModel, s: BayesStrings): TemplateResult {
  const r = model.result;
  const p = (x: number | null) => (x === null ? '—' : percent(x));
  return html`<p class="bayes-summary" data-posterior=${r.posteriorPositive ?? 'undefined'}>
    ${format(s.summary, { posterior: p(r.posteriorPositive), npv: p(r.posteriorNegative), missed: p(r.missedGivenNegative) })}
  </p>`;
}
