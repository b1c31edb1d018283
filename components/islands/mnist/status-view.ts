import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../ui/shell-strings';
import type { BackendDecision } from '../../../src/tf/backends';
import type { ModelInfo } from '../../../src/workers/features/mnist-api';
import type { RunState } from './run';
import type { MnistStrings } from './strings';

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString('en-US');

function timeLeft(seconds: number, s: MnistStrings): string {
  if (!Number.isFinite(seconds)) return s.timeLeft.unknown;
  const t = Math.round(seconds);
  if (t >= 3600) return format(s.timeLeft.hours, { h: Math.floor(t / 3600), m: Math.round((t % 3600) / 60) });
  if (t >= 60) return format(s.timeLeft.minutes, { m: Math.floor(t / 60), s: t % 60 });
  return format(s.timeLeft.seconds, { s: t });
}

function backendLine(decision: BackendDecision, s: MnistStrings): TemplateResult {
  const r = decision.reason;
  const values: Record<string, string | number> =
    r.code === 'auto-measured' ? { ms: r.ms.toFixed(0), wasmMs: r.wasmMs.toFixed(0) } : r.code === 'choice-unavailable' ? { choice: s.settings.backends[r.choice] } : {};
  const skipped = decision.skipped.map((k) => {
    const reason = k.reason;
    const detail: Record<string, string | number> =
      reason.code === 'slower' ? { ms: reason.ms.toFixed(0), wasmMs: reason.wasmMs.toFixed(0) } : reason.code === 'init-failed' ? { message: reason.message } : {};
    return `${s.settings.backends[k.name]}（${format(s.skipReason[reason.code], detail)}）`;
  });
  return html`<p>
    <span class="ml-badge" data-backend-badge>${s.settings.backends[decision.name]}</span> ${format(s.backendReason[r.code], values)}${decision.ownKernels
      ? html`；${s.ownKernels}`
      : nothing}
    ${skipped.length ? html`<br /><small>${format(s.skipped, { list: skipped.join('；') })}</small>` : nothing}
  </p>`;
}

/** Backend, download, progress, what happened and why — the run's own story, in words. */
export function runStatus(r: RunState, model: ModelInfo | null, s: MnistStrings, errorText: string | null): TemplateResult {
  const b = r.batch;
  const epochs = r.config?.epochs ?? 1;
  const slice = r.config?.slice ?? 'quick';
  const debug = s.debug;
  const memory = r.memory.map((m) => format(debug[m.when], { n: m.numTensors }));
  if (r.epochs.length) memory.push(format(debug.epochs, { list: r.epochs.map((e) => e.numTensors).join('、') }));
  return html`<div class="ml-mnist__status" role="status" aria-live="polite" aria-atomic="false">
    ${r.backend ? backendLine(r.backend, s) : nothing}
    ${r.download && r.status === 'loading'
      ? html`<label>${format(s.download, { loaded: MB(r.download.loaded), total: MB(r.download.total) })}
          <progress max=${r.download.total} .value=${r.download.loaded}></progress></label>`
      : nothing}
    ${r.dataCounts
      ? html`<p><small>${format(s.data, {
          all: count(r.dataCounts.train + r.dataCounts.test),
          train: count(r.dataCounts.train),
          test: count(r.dataCounts.test),
          slice: s.sliceUsed[slice],
          cache: r.dataFromCache ? s.dataFromCache : s.dataDownloaded,
        })}</small></p>`
      : nothing}
    ${b
      ? html`<p class="ml-mnist__progress">
            ${format(s.progress, {
              epoch: b.epoch,
              epochs,
              batch: b.batch,
              batches: b.batchesPerEpoch,
              loss: b.loss.toFixed(4),
              accuracy: `${(b.accuracy * 100).toFixed(1)}%`,
              speed: Math.round(b.imagesPerSecond),
              left: timeLeft(b.secondsLeft, s),
            })}
          </p>
          <progress class="ml-mnist__bar" aria-label=${s.progress.split('·')[0] ?? ''} max="1" .value=${(b.epoch - 1 + b.batch / b.batchesPerEpoch) / epochs}></progress>`
      : nothing}
    ${r.status === 'paused' ? html`<p>${s.status.paused}</p>` : nothing}
    ${r.status === 'stopping' ? html`<p>${s.status.stopping}</p>` : nothing}
    ${r.status === 'stopped'
      ? html`<p data-stopped-message>
          ${r.epochsDone > 0 ? format(s.status.stoppedSome, { epochs: r.epochsDone }) : s.status.stoppedNone}
          ${r.epochsDone === 0 && model ? s.status.stoppedKeptOld : nothing}
        </p>`
      : nothing}
    ${r.fallback
      ? html`<p class="ml-notice">${format(s.fallback, { why: s.lossNames[r.fallback.loss], to: s.settings.backends[r.fallback.to], epoch: r.fallback.resumeEpoch })}</p>`
      : nothing}
    ${r.notices.map(
      (n) => html`<p class="ml-notice" data-notice=${n.code}>${format(s.notices[n.code], n.code === 'save-failed' ? { message: n.message } : n.code === 'save-timeout' ? { seconds: n.seconds } : {})}</p>`,
    )}
    ${errorText ? html`<p class="ml-error" role="alert" data-run-error=${r.error?.code ?? ''}>${errorText}</p>` : nothing}
    ${memory.length
      ? html`<details class="ml-mnist__debug"><summary>${debug.summary}</summary><p><small>${format(debug.tensors, { list: memory.join('；') })}</small></p></details>`
      : nothing}
  </div>`;
}
