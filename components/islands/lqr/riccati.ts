import { html, nothing, svg, type TemplateResult } from 'lit';
import { xyChart } from '../../ui/charts/xy-chart';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { num, texMatrix } from '../nlp/numbers';
import { plainText, richText } from '../nlp/rich-text';
import { riccatiAt, type LqrModel } from './model';
import type { LqrStrings } from './strings';

/** Step j of the backward recursion, typeset with the reader's numbers. */
export function riccatiStepView(model: LqrModel, s: LqrStrings, j: number): TemplateResult | typeof nothing {
  const step = riccatiAt(model, j);
  if (!step) return nothing;
  const { k, next, detail: d } = step;
  const n = model.state.n;
  const pNext = k + 1 === n ? `P_{${n}}=Q_f=${texMatrix(next)}` : `P_{${k + 1}}=${texMatrix(next)}`;
  const gain = `\\begin{aligned}K_{${k}}&=\\bigl(R+B^\\top P_{${k + 1}}B\\bigr)^{-1}B^\\top P_{${k + 1}}A\\\\&=${texMatrix(d.gram)}^{-1}${texMatrix(d.cross)}\\\\&=${texMatrix(d.K)}\\end{aligned}`;
  const closed = `A-BK_{${k}}=${texMatrix(d.closed)}`;
  const cost = `\\begin{aligned}P_{${k}}&=Q+K_{${k}}^\\top R\\,K_{${k}}\\\\&\\quad+(A-BK_{${k}})^\\top P_{${k + 1}}(A-BK_{${k}})\\\\&=${texMatrix(d.P)}\\end{aligned}`;
  return html`<div class="ml-lqr__riccati-step" data-riccati-k=${k} data-gain=${(d.K[0] ?? []).map((v) => v.toFixed(6)).join(',')}>
    <p class="ml-lqr__step-label">${format(s.riccati.position, { j: j + 1, n, k })}</p>
    <div class="ml-lqr__formula" data-scroll-x>${tex(pNext, true)}</div>
    <div class="ml-lqr__formula" data-scroll-x>${tex(gain, true)}</div>
    <div class="ml-lqr__formula" data-scroll-x>${tex(closed, true)}</div>
    <div class="ml-lqr__formula" data-scroll-x>${tex(cost, true)}</div>
  </div>`;
}

/** K_k's two entries over k, the steady-state gain as dashed lines, the current step marked. */
export function gainChart(model: LqrModel, s: LqrStrings, width: number, j: number | null): TemplateResult | typeof nothing {
  const run = model.run;
  if (!run) return nothing;
  const n = model.state.n;
  const gains = run.solution.K.map((K, k) => ({ k, p: K[0]?.[0] ?? 0, v: K[0]?.[1] ?? 0 }));
  const steadyP = run.steady.K[0]?.[0] ?? 0;
  const steadyV = run.steady.K[0]?.[1] ?? 0;
  const ys = [...gains.flatMap((g) => [g.p, g.v]), steadyP, steadyV, 0];
  const current = j === null ? null : gains[n - 1 - j];
  const chart = xyChart({
    width,
    height: 200,
    label: plainText(s.riccati.gainChart),
    x: { domain: [0, Math.max(1, n - 1)], label: s.charts.k, ticks: 5 },
    y: { domain: [Math.min(...ys), Math.max(...ys) * 1.05 + 1e-9], label: '', ticks: 4 },
    series: [
      { points: gains.map((g) => ({ x: g.k, y: g.p })), className: 'ml-series--1', label: s.riccati.gainP },
      { points: gains.map((g) => ({ x: g.k, y: g.v })), className: 'ml-series--4', label: s.riccati.gainV },
      { points: [{ x: 0, y: steadyP }, { x: n - 1, y: steadyP }], className: 'ml-series--1 ml-lqr__steady', label: s.riccati.steadyP },
      { points: [{ x: 0, y: steadyV }, { x: n - 1, y: steadyV }], className: 'ml-series--4 ml-lqr__steady', label: s.riccati.steadyV },
    ],
    markers: current
      ? [
          { x: current.k, y: current.p, className: 'ml-marker--current', label: s.riccati.gainP },
          { x: current.k, y: current.v, className: 'ml-marker--current', label: s.riccati.gainV },
        ]
      : [],
    over: (scales) =>
      current ? svg`<line class="ml-lqr__cursor" x1=${scales.x(current.k)} x2=${scales.x(current.k)} y1=${scales.margin.top} y2=${scales.height - scales.margin.bottom} />` : nothing,
  });
  return html`<figure class="ml-lqr__gain-figure"><figcaption>${richText(s.riccati.gainChart)}</figcaption>${chart}
    <p class="ml-legend">
      <span class="ml-key ml-key--1">${s.riccati.gainP}</span><span class="ml-key ml-key--4">${s.riccati.gainV}</span>
      <span class="ml-key ml-lqr__key--steady">${s.riccati.steadyP} / ${s.riccati.steadyV}</span>
    </p></figure>`;
}

export function steadyView(model: LqrModel, s: LqrStrings): TemplateResult | typeof nothing {
  const run = model.run;
  if (!run) return nothing;
  const st = run.steady;
  const change = st.change === null ? '—' : num(st.change, 2);
  return html`<section class="ml-lqr__steady-box" data-converged=${String(st.converged)} data-iterations=${st.iterations}>
    <h4>${s.steady.title}</h4>
    <div class="ml-lqr__formula" data-scroll-x>${tex(`K_\\infty=${texMatrix(st.K)},\\quad P_\\infty=${texMatrix(st.P)}`, true)}</div>
    <p>${format(st.converged ? s.steady.converged : s.steady.notConverged, { it: st.iterations, change })}
      ${richText(format(st.spectralRadius < 1 ? s.steady.stable : s.steady.unstable, { rho: num(st.spectralRadius, 4) }))}</p>
    <p class="ml-lqr__note">${richText(s.steady.note)}</p>
  </section>`;
}
