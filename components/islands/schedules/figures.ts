import { html, nothing, svg, type TemplateResult } from 'lit';
import { scaleLinear } from 'd3-scale';
import { format } from '../../ui/shell-strings';
import { xyChart, type Series } from '../../ui/charts/xy-chart';
import { GUESSING_LOSS, runVerdict, SCHEDULE_KINDS, smoothLosses, type ScheduleKind } from '../../../src/lib/ml/lr-schedules';
import type { SchedulesModel } from './model';
import type { Job, RunTrack } from './run';
import type { SchedulesStrings } from './strings';

/**
 * The 9.2 island's views, pure functions of the schedules and the jobs: the element draws them
 * around its controls, and SchedulesIsland.astro renders the schedule chart at build time.
 */

type OkModel = Extract<SchedulesModel, { ok: true }>;

export const SMOOTHING = 0.9;
const SERIES: Record<ScheduleKind, string> = { constant: 'ml-series--1', step: 'ml-series--2', cosine: 'ml-series--3' };
const KEY: Record<ScheduleKind, string> = { constant: 'ml-key--1', step: 'ml-key--2', cosine: 'ml-key--3' };

/** A rate as typed: up to 6 significant digits, no trailing zeros. */
export const showRate = (x: number): string => String(Number(x.toPrecision(6)));
const fixed = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

const chartHeight = (width: number): number => Math.round(Math.min(260, Math.max(190, width * 0.6)));

function legend(s: SchedulesStrings): TemplateResult {
  return html`${SCHEDULE_KINDS.map((kind) => html`<span class=${`ml-key ${KEY[kind]}`}>${s.kinds[kind]}</span> `)}`;
}

/** The three schedules' learning rates over the run's steps, from the engine. */
export function lrChart(model: OkModel, width: number, s: SchedulesStrings): TemplateResult {
  const { schedule, values } = model;
  const series: Series[] = SCHEDULE_KINDS.map((kind) => ({
    points: Array.from(values[kind], (y, x) => ({ x, y })),
    className: SERIES[kind],
    label: s.kinds[kind],
  }));
  return html`<figure class="sched-figure" data-chart="lr" data-steps=${schedule.totalSteps} style=${`width: ${width}px`}>
    <figcaption>${s.charts.lr}：${legend(s)}${schedule.warmup > 0 ? html`<span class="sched-key-warmup">${s.charts.warmupEnd}</span>` : nothing}</figcaption>
    ${xyChart({
      width,
      height: chartHeight(width),
      label: s.charts.lrLabel,
      x: { domain: [0, Math.max(1, schedule.totalSteps - 1)], label: s.charts.step, ticks: 5, nice: false },
      y: { domain: [0, schedule.lr], label: s.charts.lrAxis, ticks: 4, format: showRate },
      series,
      over: (scales) =>
        schedule.warmup > 0
          ? svg`<line class="sched-warmup" x1=${scales.x(schedule.warmup)} x2=${scales.x(schedule.warmup)} y1=${scales.margin.top} y2=${scales.height - scales.margin.bottom}></line>`
          : nothing,
    })}
  </figure>`;
}

/** Smoothed training loss of each run of a compare job, side by side on one step axis. */
export function lossChart(job: Job, totalSteps: number, width: number, s: SchedulesStrings): TemplateResult {
  const curves = job.runs.map((run) => ({ run, smooth: smoothLosses(run.losses, SMOOTHING) }));
  const top = Math.max(0.5, ...curves.flatMap((c) => c.smooth.slice(Math.min(3, c.smooth.length - 1))));
  const series: Series[] = curves.flatMap(({ run, smooth }) =>
    run.kind ? [{ points: smooth.map((y, x) => ({ x, y: Math.min(y, top) })), className: SERIES[run.kind], label: s.kinds[run.kind] }] : [],
  );
  return html`<figure class="sched-figure" data-chart="loss" style=${`width: ${width}px`}>
    <figcaption>${s.charts.loss}：${legend(s)}</figcaption>
    ${xyChart({
      width,
      height: chartHeight(width),
      label: s.charts.lossLabel,
      x: { domain: [0, Math.max(1, totalSteps - 1)], label: s.charts.step, ticks: 5, nice: false },
      y: { domain: [0, top], label: s.charts.lossAxis, ticks: 4 },
      series,
    })}
  </figure>`;
}

export function verdictOf(run: RunTrack): ReturnType<typeof runVerdict> | null {
  return run.end ? runVerdict(run.end.testLoss) : null;
}

/** Final numbers of each schedule. */
export function resultsTable(job: Job, s: SchedulesStrings): TemplateResult {
  const t = s.results;
  return html`<div data-scroll-x>
    <table class="ml-table sched-results">
      <caption>${format(t.caption, {})}</caption>
      <thead><tr><th scope="col">${t.schedule}</th><th scope="col">${t.trainLoss}</th><th scope="col">${t.testLoss}</th><th scope="col">${t.accuracy}</th><th scope="col">${t.verdict}</th></tr></thead>
      <tbody>
        ${SCHEDULE_KINDS.map((kind) => {
          const run = job.runs.find((r) => r.kind === kind);
          const smooth = run ? smoothLosses(run.losses, SMOOTHING) : [];
          const verdict = run ? verdictOf(run) : null;
          return html`<tr data-kind=${kind} data-verdict=${verdict ?? ''} data-test-loss=${run?.end ? String(run.end.testLoss) : ''}>
            <th scope="row"><span class=${`ml-key ${KEY[kind]}`}>${s.kinds[kind]}</span></th>
            <td>${smooth.length ? fixed(smooth.at(-1) ?? NaN) : t.notRun}</td>
            <td>${run?.end ? fixed(run.end.testLoss) : t.notRun}</td>
            <td>${run?.end ? pct(run.end.testAccuracy) : t.notRun}</td>
            <td>${verdict ? s.verdicts[verdict] : t.notRun}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

/** The learning rate × batch size grid of final test losses, shaded by loss. */
export function gridTable(job: Job | null, lrs: readonly number[], batches: readonly number[], images: number, s: SchedulesStrings): TemplateResult {
  const g = s.grid;
  const losses = (job?.runs ?? []).flatMap((r) => (r?.end && runVerdict(r.end.testLoss) !== 'diverged' ? [r.end.testLoss] : []));
  const best = losses.length ? Math.min(...losses) : NaN;
  const heat = scaleLinear()
    .domain([Number.isFinite(best) ? best : 0, GUESSING_LOSS])
    .range([0.55, 0.04])
    .clamp(true);
  return html`<div data-scroll-x>
    <table class="ml-table sched-grid">
      <caption>${g.caption}</caption>
      <thead>
        <tr>
          <th scope="col">${g.lrHead}</th>
          ${batches.map((b) => html`<th scope="col">${format(g.batchHead, { batch: b, steps: Math.ceil(images / b) })}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${lrs.map(
          (lr, i) => html`<tr>
            <th scope="row">${showRate(lr)}</th>
            ${batches.map((_, j) => {
              const index = i * batches.length + j;
              const run = job?.runs[index];
              if (!run || !run.end) {
                const text = job?.current === index ? g.running : job ? g.pending : '';
                return html`<td data-cell=${index} data-state=${job?.current === index ? 'running' : 'pending'}>${text}</td>`;
              }
              const verdict = runVerdict(run.end.testLoss);
              const loss = run.end.testLoss;
              const style = verdict === 'diverged' ? '' : `--heat: ${heat(loss).toFixed(3)}`;
              return html`<td data-cell=${index} data-state="done" data-verdict=${verdict} data-loss=${Number.isFinite(loss) ? String(loss) : 'non-finite'} class=${`sched-cell sched-cell--${verdict}`} style=${style}>
                ${verdict === 'diverged'
                  ? html`<strong>${s.verdicts.diverged}</strong>${Number.isFinite(loss) ? html`<small>${fixed(loss, 2)}</small>` : nothing}`
                  : html`<strong>${fixed(loss)}</strong><small>${verdict === 'no-progress' ? s.verdicts['no-progress'] : pct(run.end.testAccuracy)}</small>`}
                ${loss === best ? html`<small class="sched-best">${g.best}</small>` : nothing}
              </td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>
  <p class="ml-control__hint">${g.note}</p>`;
}
