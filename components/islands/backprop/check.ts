import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../ui/shell-strings';
import type { BackendDecision } from '../../../src/tf/backends';
import type { MlpCheckResult } from '../../../src/workers/features/mlp-check-api';
import type { BackpropStrings } from './strings';
import { short } from './figures';
import type { gradientDifference } from './model';

/** Where the TensorFlow.js gradient check stands; `key` ties a result to the network and batch it checked. */
export type CheckState =
  | { status: 'idle' }
  | { status: 'running'; key: string }
  | { status: 'done'; key: string; result: MlpCheckResult; diff: NonNullable<ReturnType<typeof gradientDifference>>; oursLoss: number }
  | { status: 'error'; key: string; code: string; message: string };

/** Agreement we expect between float64 by hand and float32 in TensorFlow.js. */
export const AGREEMENT = 1e-4;

const sci = (v: number): string => (v === 0 ? '0' : v.toExponential(1).replace('-', '−'));

export function backendBadge(decision: BackendDecision, s: BackpropStrings): TemplateResult {
  const c = s.check;
  const r = decision.reason;
  const name = c.backends[decision.name];
  const reason =
    r.code === 'choice-unavailable'
      ? format(c.reasons[r.code], { choice: c.backends[r.choice] })
      : r.code === 'auto-measured'
        ? format(c.reasons[r.code], { ms: r.ms.toFixed(1), wasmMs: r.wasmMs.toFixed(1) })
        : c.reasons[r.code];
  const skipped = decision.skipped.map((k) => {
    const why = k.reason.code === 'slower' ? format(c.skipped.slower, { ms: k.reason.ms.toFixed(1) }) : c.skipped[k.reason.code];
    return `${c.backends[k.name]}（${why}）`;
  });
  return html`<p class="bp-backend">
    <span class="bp-badge" data-backend-badge=${decision.name}>${format(c.badge, { name })}</span>
    <span>${reason}</span>
    ${skipped.length ? html`<small class="bp-backend__skipped">${c.skippedTitle}${skipped.join('；')}</small>` : nothing}
  </p>`;
}

export function checkResult(check: CheckState, key: string, s: BackpropStrings): TemplateResult | typeof nothing {
  const c = s.check;
  if (check.status === 'idle' || check.key !== key) return nothing;
  if (check.status === 'running') return html`<p class="bp-check__status" role="status">${c.running}</p>`;
  if (check.status === 'error') {
    const known = check.code in c.errors ? c.errors[check.code as keyof typeof c.errors] : format(c.errors.other, { code: check.code });
    return html`<p class="ml-error bp-check__error" role="alert" data-check-error=${check.code}>${known}${check.message ? `（${check.message}）` : ''}。${c.errorTail}</p>`;
  }
  const { diff, result } = check;
  const ok = diff.relative < AGREEMENT;
  return html`<div class="bp-check__result" role="status" data-max-abs=${diff.abs} data-max-rel=${diff.relative} data-agree=${ok ? 'yes' : 'no'}>
    ${backendBadge(result.decision, s)}
    <p>${format(c.result, { count: diff.count, abs: sci(diff.abs), relative: sci(diff.relative), scale: short(diff.scale, 3) })}</p>
    <p>${format(c.loss, { ours: check.oursLoss.toFixed(6), theirs: result.loss.toFixed(6) })}</p>
    <p class=${ok ? 'bp-check__verdict' : 'bp-check__verdict bp-check__verdict--bad'}>${ok ? c.agree : c.disagree}</p>
  </div>`;
}
