import { html, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import { xyChart } from '../../ui/charts/xy-chart';
import { format } from '../../ui/shell-strings';
import type { BackendDecision } from '../../../src/tf/backends';
import { lineKey, seriesClass } from './figures';
import { plain } from './numbers';
import type { DigitsTrainer, Problem, RunView } from './digits';
import type { RaceStrings } from './strings';

/** The real-data race as views of the trainer's records. */

export const SAMPLE_COUNT = 300;

export function problemText(problem: Problem, s: RaceStrings): string {
  const template = s.failures[problem.code] ?? s.failures['internal'] ?? '';
  const detail = Object.fromEntries(Object.entries(problem.detail).map(([k, v]) => [k, String(v)]));
  return format(template, { message: problem.code, ...detail });
}

/** Loss per epoch, or per per-sample gradient evaluated. */
export function digitsChart(runs: readonly RunView[], perEval: boolean, epochs: number, s: RaceStrings, width: number): SVGTemplateResult {
  const losses = runs.flatMap((r) => (perEval ? r.curve.map((p) => p.loss) : r.epochLosses));
  const top = Math.max(2.5, Math.min(10, Math.max(...losses, 0)));
  const clamp = (y: number) => Math.min(y, top);
  return xyChart({
    width,
    height: 260,
    label: s.digits.chart,
    x: { domain: [0, perEval ? epochs * SAMPLE_COUNT : epochs], label: perEval ? s.digits.evalAxis : s.digits.epochAxis, nice: false, ticks: perEval ? 5 : Math.min(epochs, 10) },
    y: { domain: [0, top], label: s.digits.yAxis },
    series: runs.map((r) => ({
      points: perEval ? r.curve.map((p) => ({ x: p.evaluations, y: clamp(p.loss) })) : r.epochLosses.map((loss, epoch) => ({ x: epoch, y: clamp(loss) })),
      className: seriesClass(r.id),
      label: s.racers[r.id],
    })),
  });
}

export function backendBadge(decision: BackendDecision | null, engine: 'tf' | 'js' | null, s: RaceStrings): TemplateResult | typeof nothing {
  if (engine === 'js') return html`<p class="ml-race-engine"><span class="ml-race-badge" data-engine="js">${s.digits.engineJs}</span></p>`;
  if (!decision) return nothing;
  const name = s.backendNames[decision.name];
  const r = decision.reason;
  const reason = format(s.backendReasons[r.code], {
    ...(r.code === 'choice-unavailable' ? { choice: s.backendNames[r.choice] } : {}),
    ...(r.code === 'auto-measured' ? { ms: plain(r.ms, 2), wasmMs: plain(r.wasmMs, 2) } : {}),
  });
  const skipped = decision.skipped.map((k) => {
    const why = format(s.skipReasons[k.reason.code], k.reason.code === 'slower' ? { ms: plain(k.reason.ms, 2), wasmMs: plain(k.reason.wasmMs, 2) } : {});
    return `${s.backendNames[k.name]}（${why}）`;
  });
  return html`<p class="ml-race-engine">
    <span class="ml-race-badge" data-engine="tf" data-backend=${decision.name}>${format(s.digits.engineTf, { backend: name })}</span>
    <span>${reason}</span>
    ${skipped.length ? html`<br /><small>${format(s.skippedLine, { list: skipped.join('；') })}</small>` : nothing}
  </p>`;
}

function runStatus(r: RunView, trainer: DigitsTrainer, index: number, s: RaceStrings): string {
  if (r.status?.code === 'diverged') return format(s.digits.diverged, { epoch: r.status.epoch, step: r.status.step });
  const last = r.epochLosses.at(-1);
  if (r.status?.code === 'ok' && last !== undefined) return format(s.digits.final, { epochs: r.epochLosses.length - 1, loss: plain(last, 3) });
  if (trainer.phase === 'training' && trainer.current === index) return format(s.digits.training, { name: s.racers[r.id], epoch: trainer.epoch, epochs: trainer.epochs });
  return s.digits.waiting;
}

/** Status line, badge, chart and one row per run. */
export function digitsPanel(trainer: DigitsTrainer, perEval: boolean, s: RaceStrings, width: number): TemplateResult {
  const active = trainer.runs[trainer.current];
  const line =
    trainer.phase === 'loading'
      ? s.digits.loading
      : trainer.phase === 'training'
        ? trainer.decision || trainer.engine === 'js'
          ? format(s.digits.training, { name: active ? s.racers[active.id] : '', epoch: trainer.epoch, epochs: trainer.epochs })
          : s.digits.starting
        : trainer.phase === 'done'
          ? format(s.digits.done, { seconds: plain(trainer.seconds, 3) })
          : trainer.phase === 'stopped'
            ? s.digits.stopped
            : '';
  return html`
    ${trainer.dataProblem ? html`<p class="ml-error" role="alert" data-problem="data">${format(s.digits.dataFailed, { reason: problemText(trainer.dataProblem, s) })}</p>` : nothing}
    ${trainer.tfProblem ? html`<p class="ml-notice" role="status" data-problem="tf">${format(s.digits.jsFallback, { reason: problemText(trainer.tfProblem, s) })}</p>` : nothing}
    ${backendBadge(trainer.decision, trainer.engine, s)}
    <p class="ml-race-progress" role="status" data-phase=${trainer.phase}>${line}</p>
    ${trainer.runs.length
      ? html`<figure class="ml-race-figure">
            <figcaption>${s.digits.chart}</figcaption>
            ${digitsChart(trainer.runs, perEval, trainer.epochs, s, width)}
          </figure>
          ${perEval ? html`<p class="ml-control__hint">${s.digits.perNote}</p>` : nothing}
          <ul class="ml-race-runs">
            ${trainer.runs.map(
              (r, i) => html`<li data-run=${r.id} data-status=${r.status?.code ?? 'pending'} data-final=${r.epochLosses.at(-1)?.toPrecision(6) ?? ''}>
                ${lineKey(r.id)}<strong>${s.racers[r.id]}</strong>：${runStatus(r, trainer, i, s)}
              </li>`,
            )}
          </ul>`
      : nothing}
  `;
}
