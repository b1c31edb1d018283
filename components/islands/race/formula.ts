import { html, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { racerStepDetail, type StepDetail } from '../../../src/lib/ml/race-step';
import type { RacerId } from '../../../src/lib/ml/race';
import type { RaceModel } from './model';
import { texNumber, texPair } from './numbers';
import type { RaceStrings } from './strings';

/**
 * The update of one racer at one step, typeset twice over: the rule as in the chapter,
 * then with this step's numbers (from racerStepDetail, the numbers that moved the racer).
 */

type Pair = readonly [number, number];
/** Three significant digits keep the filled-in rows short enough to read. */
const n = (x: number) => texNumber(x, 3);
const p = (pair: Pair) => texPair(pair, 3);
const sq = ([a, b]: Pair): [number, number] => [a * a, b * b];

function gradientRow(d: StepDetail, model: RaceModel, s: RaceStrings): string {
  const n0 = model.surface.terms;
  const what =
    n0 === 1
      ? s.formula.exact
      : d.batchSize >= n0
        ? format(s.formula.full, { n: n0 })
        : d.batchSize === 1
          ? s.formula.single
          : format(s.formula.minibatch, { b: d.batchSize });
  return `\\mathbf g_{${d.t}} &= ${p(d.grad)}\\qquad\\text{（${what}）}`;
}

function rows(d: StepDetail, model: RaceModel, s: RaceStrings): string[] {
  const t = d.t;
  const prev = `\\theta_{${t - 1}}`;
  const theta = `\\theta_{${t}}`;
  const g = gradientRow(d, model, s);
  switch (d.rule) {
    case 'gd':
      return [g, `${theta} &= ${prev} - \\eta\\,\\mathbf g_{${t}} = ${p(d.theta)} - ${n(d.lr)}\\cdot${p(d.grad)} = ${p(d.next)}`];
    case 'momentum':
      return [
        g,
        `\\mathbf v_{${t}} &= \\beta\\,\\mathbf v_{${t - 1}} + \\mathbf g_{${t}} = ${n(d.momentum)}\\cdot${p(d.velocityBefore)} + ${p(d.grad)} = ${p(d.velocity)}`,
        `${theta} &= ${prev} - \\eta\\,\\mathbf v_{${t}} = ${p(d.theta)} - ${n(d.lr)}\\cdot${p(d.velocity)} = ${p(d.next)}`,
      ];
    case 'rmsprop':
      return [
        g,
        `\\mathbf s_{${t}} &= \\rho\\,\\mathbf s_{${t - 1}} + (1-\\rho)\\,\\mathbf g_{${t}}^2 = ${n(d.rho)}\\cdot${p(d.meanSquareBefore)} + ${n(1 - d.rho)}\\cdot${p(sq(d.grad))} = ${p(d.meanSquare)}`,
        `${theta} &= ${prev} - \\eta\\,\\frac{\\mathbf g_{${t}}}{\\sqrt{\\mathbf s_{${t}} + \\epsilon}} = ${p(d.theta)} - ${n(d.lr)}\\cdot\\frac{${p(d.grad)}}{${p(d.scale)}} = ${p(d.next)}`,
      ];
    case 'adam':
      return [
        g,
        `\\mathbf m_{${t}} &= \\beta_1\\mathbf m_{${t - 1}} + (1-\\beta_1)\\,\\mathbf g_{${t}} = ${n(d.beta1)}\\cdot${p(d.mBefore)} + ${n(1 - d.beta1)}\\cdot${p(d.grad)} = ${p(d.m)}`,
        `\\mathbf v_{${t}} &= \\beta_2\\mathbf v_{${t - 1}} + (1-\\beta_2)\\,\\mathbf g_{${t}}^2 = ${n(d.beta2)}\\cdot${p(d.vBefore)} + ${n(1 - d.beta2)}\\cdot${p(sq(d.grad))} = ${p(d.v)}`,
        `\\hat{\\mathbf m}_{${t}} &= \\frac{\\mathbf m_{${t}}}{1-\\beta_1^{${t}}} = \\frac{${p(d.m)}}{${n(d.correction1)}} = ${p(d.mHat)}`,
        `\\hat{\\mathbf v}_{${t}} &= \\frac{\\mathbf v_{${t}}}{1-\\beta_2^{${t}}} = \\frac{${p(d.v)}}{${n(d.correction2)}} = ${p(d.vHat)}`,
        `${theta} &= ${prev} - \\eta\\,\\frac{\\hat{\\mathbf m}_{${t}}}{\\sqrt{\\hat{\\mathbf v}_{${t}}} + \\epsilon} = ${p(d.theta)} - ${n(d.lr)}\\cdot${p([
          d.mHat[0] / (Math.sqrt(d.vHat[0]) + d.epsilon),
          d.mHat[1] / (Math.sqrt(d.vHat[1]) + d.epsilon),
        ])} = ${p(d.next)}`,
      ];
  }
}

/** The focus racer's step at animation step t (its last step if it stopped earlier). */
export function stepFormula(model: RaceModel, s: RaceStrings, t: number): TemplateResult {
  const id: RacerId = model.state.focus;
  const racer = model.race.racers.find((r) => r.id === id);
  const name = s.racers[id];
  if (!racer) return html``;
  const step = Math.min(t, racer.gradients.length);
  const detail = racerStepDetail(racer, model.settings, step);
  if (!detail) return html`<p class="ml-race-formula__none">${format(s.formula.none, { name })}</p>`;
  const stopped = step < t;
  const body = `\\begin{aligned}${rows(detail, model, s).join('\\\\')}\\end{aligned}`;
  return html`<div class="ml-race-formula" data-step=${detail.t} data-rule=${detail.rule} data-next=${`${detail.next[0]},${detail.next[1]}`}>
    <p class="ml-race-formula__head">${stopped ? format(s.formula.stopped, { name, t: step }) : format(s.formula.heading, { name, t: step })}</p>
    <div class="ml-race-formula__tex" data-scroll-x>${tex(body, true)}</div>
    ${detail.rule === 'rmsprop' ? html`<p class="ml-control__hint">${s.formula.epsNote}</p>` : ''}
  </div>`;
}
