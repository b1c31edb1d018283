import { html, nothing, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { evaluateConstraint, evaluateObjective, type ShapeSpec } from '../../../src/lib/math/nonlinear';
import { runOf, type ConstraintView, type NlpModel } from './model';
import { num, texFactor, texNum, texVector } from './numbers';
import type { NlpStrings } from './strings';

/** The KKT check at the answer, term by term, the run's status, and the outer-step table. */

const X = '\\mathbf{x}^*';

function term(coefficient: string, value: number): string {
  if (value === 0) return '';
  const sign = value < 0 ? '-' : '+';
  const a = Math.abs(value);
  return `${sign}${a === 1 && coefficient ? '' : texNum(a)}${coefficient}`;
}

/** The constraint function with its numbers, in the engine's convention (h = 0, g ≤ 0). */
export function shapeTex(shape: ShapeSpec): string {
  if (shape.shape === 'circle') {
    const [c1, c2] = shape.center;
    const sq = (v: string, c: number) => (c === 0 ? `${v}^2` : `(${v}${term('', -c)})^2`);
    return `${sq('x', c1)}+${sq('y', c2)}-${texNum(shape.radius ** 2)}`;
  }
  const [a1, a2] = shape.a;
  const body = `${term('x', a1)}${term('y', a2)}${term('', -shape.b)}`.replace(/^\+/, '');
  return body || '0';
}

export function objectiveTex(model: NlpModel): string {
  const o = model.problem.objective;
  switch (o.preset) {
    case 'quadratic': {
      const sq = (v: string, c: number) => (c === 0 ? `${v}^2` : `(${v}${term('', -c)})^2`);
      return `f(x,y)=${sq('x', o.center[0])}+${sq('y', o.center[1])}`;
    }
    case 'rosenbrock':
      return 'f(x,y)=(1-x)^2+100\\,(y-x^2)^2';
    case 'himmelblau':
      return 'f(x,y)=(x^2+y-11)^2+(x+y^2-7)^2';
    case 'saddle':
      return 'f(x,y)=x^2-y^2';
  }
}

const mark = (pass: boolean, s: NlpStrings) =>
  html`<span class=${`ml-nlp__mark ml-nlp__mark--${pass ? 'pass' : 'fail'}`}>${pass ? '✓' : '✗'} ${pass ? s.kkt.pass : s.kkt.fail}</span>`;

function row(name: string, pass: boolean, body: TemplateResult, s: NlpStrings, key: string): TemplateResult {
  return html`<div class="ml-nlp__kkt-row" data-kkt=${key} data-pass=${String(pass)}>
    <div class="ml-nlp__kkt-head"><strong>${name}</strong>${mark(pass, s)}</div>
    ${body}
  </div>`;
}

function stationarity(model: NlpModel, s: NlpStrings): TemplateResult {
  const run = runOf(model);
  if (!run) return html``;
  const st = run.kkt.stationarity;
  const gradF = evaluateObjective(model.problem.objective, run.x).gradient;
  const general = ['\\nabla f(' + X + ')', ...model.constraints.map((c) => `${c.multiplier}\\nabla ${c.symbol}(${X})`)].join('+');
  const filled = [
    texVector(gradF),
    ...model.constraints.map(
      (c) => `${texFactor(run.multipliers[c.index] ?? 0)}${texVector(evaluateConstraint(c.spec.shape, run.x).gradient)}`,
    ),
  ].join('+');
  const formula = `\\begin{aligned}&${general}\\\\&=${filled}\\\\&=${texVector(st.vector)}\\end{aligned}`;
  return row(
    s.kkt.stationarity,
    st.pass,
    html`<div class="ml-nlp__formula" data-scroll-x>${tex(formula, true)}</div>
      <p class="ml-nlp__note">${format(s.kkt.stationarityNote, { norm: num(st.norm, 3), scale: num(st.scale, 3) })}</p>`,
    s,
    'stationarity',
  );
}

function constraintLine(c: ConstraintView, model: NlpModel): string {
  const run = runOf(model);
  const value = run?.kkt.constraints[c.index]?.value ?? 0;
  const tol = '10^{-6}';
  const relation = c.spec.kind === 'eq' ? `\\lvert ${c.symbol}\\rvert\\le ${tol}` : `${c.symbol}\\le ${tol}`;
  return `${c.symbol}(${X})=${shapeTex(c.spec.shape)}=${texNum(value, 4)}\\quad(${relation})`;
}

function constraintRows(model: NlpModel, s: NlpStrings): TemplateResult[] {
  const run = runOf(model);
  if (!run) return [];
  const checks = run.kkt.constraints;
  const ineq = model.constraints.filter((c) => c.spec.kind === 'ineq');
  const primalPass = checks.every((c) => c.primal);
  const primal = row(
    s.kkt.primal,
    primalPass,
    html`${model.constraints.map((c) => {
      const check = checks[c.index];
      return html`<div class="ml-nlp__kkt-item" data-constraint=${c.index} data-pass=${String(check?.primal ?? false)}>
        <div class="ml-nlp__formula" data-scroll-x>${tex(constraintLine(c, model))}</div>
        <span class="ml-nlp__small">${c.spec.kind === 'eq' ? s.kkt.primalEq : s.kkt.primalIneq}</span>
        ${mark(check?.primal ?? false, s)}
      </div>`;
    })}`,
    s,
    'primal',
  );
  if (ineq.length === 0) {
    return [
      primal,
      row(s.kkt.dual, true, html`<p class="ml-nlp__note">${s.kkt.dualNone}</p>`, s, 'dual'),
      row(s.kkt.complementarity, true, html`<p class="ml-nlp__note">${s.kkt.complementarityNone}</p>`, s, 'complementarity'),
    ];
  }
  const dualPass = checks.every((c) => c.dual !== false);
  const compPass = checks.every((c) => c.complementarity?.pass !== false);
  const dual = row(
    s.kkt.dual,
    dualPass,
    html`${ineq.map((c) => {
      const check = checks[c.index];
      return html`<div class="ml-nlp__kkt-item" data-pass=${String(check?.dual ?? false)}>
        ${tex(`${c.multiplier}=${texNum(check?.multiplier ?? 0, 5)}\\ge 0`)} ${mark(check?.dual ?? false, s)}
      </div>`;
    })}`,
    s,
    'dual',
  );
  const comp = row(
    s.kkt.complementarity,
    compPass,
    html`${ineq.map((c) => {
      const check = checks[c.index];
      const product = check?.complementarity?.product ?? 0;
      const active = (check?.multiplier ?? 0) > 0;
      return html`<div class="ml-nlp__kkt-item" data-pass=${String(check?.complementarity?.pass ?? false)}>
        <div class="ml-nlp__formula" data-scroll-x>
          ${tex(`${c.multiplier}\\,${c.symbol}(${X})=${texFactor(check?.multiplier ?? 0)}\\times${texFactor(check?.value ?? 0, 4)}=${texNum(product, 3)}`)}
        </div>
        <span class="ml-nlp__small">${active ? s.kkt.active : s.kkt.inactive}</span>
        ${mark(check?.complementarity?.pass ?? false, s)}
      </div>`;
    })}`,
    s,
    'complementarity',
  );
  return [primal, dual, comp];
}

export function kktPanel(model: NlpModel, s: NlpStrings): TemplateResult | typeof nothing {
  const run = runOf(model);
  if (!run || run.status === 'diverged') return nothing;
  return html`<section class="ml-nlp__kkt" aria-live="polite" data-kkt-pass=${String(run.kkt.pass)}>
    <h4>${format(s.kkt.title, { x: num(run.x[0]), y: num(run.x[1]) })}</h4>
    ${run.status !== 'converged' ? html`<p class="ml-nlp__warn">${s.kkt.notConverged}</p>` : nothing}
    <div class="ml-nlp__formula" data-scroll-x>${tex(objectiveTex(model), true)}</div>
    ${model.constraints.length === 0 ? html`<p class="ml-nlp__note">${s.kkt.noConstraints}</p>` : nothing}
    <div class="ml-nlp__kkt-grid">${stationarity(model, s)} ${model.constraints.length ? constraintRows(model, s) : nothing}</div>
    <p class="ml-nlp__summary">${run.kkt.pass ? s.kkt.summaryPass : s.kkt.summaryFail}</p>
    ${run.status === 'converged'
      ? html`<p class="ml-nlp__second" data-second-order=${run.secondOrder}><strong>${s.secondOrder.title}：</strong>${s.secondOrder[run.secondOrder]}</p>`
      : nothing}
  </section>`;
}

/** The status line: converged, out of steps, diverged, refused input or an empty feasible set. */
export function statusLine(model: NlpModel, s: NlpStrings): TemplateResult {
  const r = model.result;
  const { b, r: radius } = model.state;
  if (model.empty || !r) {
    return html`<p class="ml-error" role="alert" data-status="empty">
      ${format(s.status.empty, { b: num(b), distance: num(Math.abs(b) / Math.SQRT2, 4), r: num(radius) })}
    </p>`;
  }
  if (r.status === 'invalid') return html`<p class="ml-error" role="alert" data-status="invalid">${s.status.invalid[r.code]}</p>`;
  const inner = r.outerSteps.reduce((sum, step) => sum + step.innerIterations, 0);
  const last = r.outerSteps.at(-1);
  const text =
    r.status === 'converged'
      ? format(s.status.converged, { outer: r.outerSteps.length, inner })
      : r.status === 'max-iterations'
        ? format(s.status.maxIterations, { outer: r.outerSteps.length, violation: num(last?.violation ?? 0, 3) })
        : format(s.status.diverged, { x: num(r.x[0], 3), y: num(r.x[1], 3), f: num(r.f, 3) });
  return html`<p class=${r.status === 'converged' ? 'ml-nlp__status' : 'ml-nlp__status ml-nlp__status--bad'} role="status" data-status=${r.status}
    data-x=${`${r.x[0].toFixed(6)},${r.x[1].toFixed(6)}`}>${text}</p>`;
}

export function rootVsOptimization(model: NlpModel, s: NlpStrings): TemplateResult {
  return html`<p class="ml-nlp__e9">${model.constraints.length ? s.rootVsOpt.constrained : s.rootVsOpt.unconstrained}</p>`;
}

export function outerTable(model: NlpModel, s: NlpStrings, currentOuter: number | null): TemplateResult | typeof nothing {
  const run = runOf(model);
  if (!run || run.outerSteps.length === 0) return nothing;
  const t = s.table;
  return html`<p class="ml-nlp__table-caption">${t.caption}</p>
    <div class="ml-nlp__table-box" data-scroll-x>
    <table class="ml-table ml-nlp__table" aria-label=${t.label}>
      <thead>
        <tr><th scope="col">${t.outer}</th><th scope="col">${t.point}</th><th scope="col">${t.multipliers}</th><th scope="col">${t.penalty}</th><th scope="col">${t.violation}</th><th scope="col">${t.inner}</th></tr>
      </thead>
      <tbody>
        ${run.outerSteps.map(
          (step) => html`<tr class=${step.outer === currentOuter ? 'ml-nlp__row--current' : ''} aria-current=${step.outer === currentOuter ? 'step' : nothing}>
            <th scope="row">${step.outer + 1}</th>
            <td>(${num(step.x[0])}, ${num(step.x[1])})</td>
            <td>${model.constraints.length ? tex(model.constraints.map((c) => `${c.multiplier}=${texNum(step.multipliers[c.index] ?? 0, 4)}`).join(',\\ ')) : t.none}</td>
            <td>${num(step.penalty)}</td>
            <td>${num(step.violation, 3)}</td>
            <td>${step.innerIterations}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
