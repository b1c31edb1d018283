import { html, nothing, type TemplateResult } from 'lit';
import { backendField } from '../../../src/tf/backend-field';
import { format } from '../../ui/shell-strings';
import type { BackendName } from '../../../src/tf/backend-field';
import type { CompressModelInfo, ModelRequest, PrepareEvent } from '../../../src/workers/features/compress-api';

/**
 * What the 9.3 and 9.4 islands share: the URL fields that choose the model (chapter 5's saved
 * one, or a short run trained here), the progress of getting it, and how that reads.
 */
export const modelFields = {
  backend: backendField,
  /** `auto`: chapter 5's saved model if this browser has one, else train here; `train`: always train here. */
  source: { kind: 'enum', values: ['auto', 'train'], default: 'auto' },
  /** Training images of a run started here (the first n of the training file). */
  images: { kind: 'int', min: 500, max: 60_000, default: 6000 },
  epochs: { kind: 'int', min: 1, max: 5, default: 1 },
} as const;

export function modelRequest(state: { backend: ModelRequest['backend']; source: ModelRequest['source']; images: number; epochs: number }): ModelRequest {
  return { backend: state.backend, source: state.source, trainImages: state.images, epochs: state.epochs, seed: 42 };
}

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'stopped';

export interface PrepState {
  status: RunStatus;
  backend: BackendName | null;
  data: { loaded: number; total: number } | null;
  train: { epoch: number; epochs: number; batch: number; batches: number; loss: number } | null;
  model: CompressModelInfo | null;
  error: string | null;
}

export const initialPrep = (): PrepState => ({ status: 'idle', backend: null, data: null, train: null, model: null, error: null });

/** Mirrors the model's preparation into the element's data attributes (what tests read). */
export function mirrorPrep(data: DOMStringMap, prep: PrepState): void {
  data['status'] = prep.status;
  data['backend'] = prep.backend ?? '';
  data['model'] = prep.model?.source ?? '';
  data['error'] = prep.error ?? '';
}

export function reducePrep(state: PrepState, event: PrepareEvent): PrepState {
  switch (event.type) {
    case 'backend':
      return { ...state, backend: event.name };
    case 'data-progress':
      return { ...state, data: { loaded: event.loaded, total: event.total } };
    case 'data-ready':
      return { ...state, data: null };
    case 'train-progress':
      return { ...state, train: { epoch: event.epoch, epochs: event.epochs, batch: event.batch, batches: event.batches, loss: event.loss } };
    case 'model':
      return { ...state, model: event.model };
  }
}

export interface SourceStrings {
  fields: { backend: string; source: string; images: string; epochs: string };
  sources: { auto: string; train: string };
  backends: Record<'auto' | BackendName, string>;
  hints: { images: string };
  progress: { data: string; train: string; backend: string };
  model: { saved: string; savedEpochs: string; trained: string; savedMissing: string };
  stop: string;
  stopped: string;
  errors: Record<string, string>;
  errorFallback: string;
}

const bytes = (n: number): string => n.toLocaleString('en-US');

/** The sentence about the model the island works on. */
export function modelSentence(model: CompressModelInfo, s: SourceStrings): string {
  if (model.source === 'saved') {
    return format(model.epochs === null ? s.model.saved : s.model.savedEpochs, { epochs: model.epochs ?? '', params: bytes(model.parameters) });
  }
  const trained = format(s.model.trained, { images: bytes(model.trainImages ?? 0), epochs: model.epochs ?? 1, params: bytes(model.parameters) });
  return model.savedMissing ? `${s.model.savedMissing}${trained}` : trained;
}

/** Progress lines while the model is fetched or trained (a polite live region reads them). */
export function prepProgress(p: PrepState, s: SourceStrings): TemplateResult {
  const lines: string[] = [];
  if (p.backend) lines.push(format(s.progress.backend, { backend: s.backends[p.backend] }));
  if (p.data && p.data.loaded < p.data.total) lines.push(format(s.progress.data, { loaded: bytes(p.data.loaded), total: bytes(p.data.total) }));
  if (p.train && !p.model) {
    const t = p.train;
    lines.push(format(s.progress.train, { epoch: t.epoch, epochs: t.epochs, batch: t.batch, batches: t.batches, loss: t.loss.toFixed(3) }));
  }
  return html`<div class="ml-compress__progress" role="status" aria-live="polite">
    ${lines.map((line) => html`<p>${line}</p>`)}
    ${p.model ? html`<p data-model-source=${p.model.source}>${modelSentence(p.model, s)}</p>` : nothing}
  </div>`;
}

export function errorText(code: string, s: SourceStrings, detail: Record<string, string | number | boolean | null> = {}): string {
  const values = Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString('en-US') : String(v)]));
  return format(s.errors[code] ?? s.errorFallback, { code, ...values });
}
