import type { FeatureApi, WorkerError, WorkerResponse } from './protocol';
import type { Features } from '../workers/features/api';

/** A failed worker request, as a code with numbers (the island's strings word it). */
export class TfWorkerError extends Error {
  constructor(
    readonly code: string,
    readonly detail: NonNullable<WorkerError['detail']> = {},
  ) {
    super(code);
    this.name = 'TfWorkerError';
  }
}

interface Pending {
  onEvent: (event: unknown) => void;
  resolve: (value: unknown) => void;
  reject: (error: TfWorkerError) => void;
}

type ArgsOf<F extends keyof Features, M extends keyof Features[F]> = Features[F][M] extends FeatureApi[string] ? Features[F][M]['args'] : never;
type ResultOf<F extends keyof Features, M extends keyof Features[F]> = Features[F][M] extends FeatureApi[string] ? Features[F][M]['result'] : never;
type EventOf<F extends keyof Features, M extends keyof Features[F]> = Features[F][M] extends FeatureApi[string] ? Features[F][M]['event'] : never;

/**
 * The page's side of the one TensorFlow.js worker (src/workers/tf.worker.ts). Every island
 * that runs TensorFlow.js shares it — one copy of the library, one backend. Requests are
 * typed by feature and method; events stream to a callback; a crashed worker rejects every
 * pending request and the next call starts a new one.
 */
export class TfWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  call<F extends keyof Features & string, M extends keyof Features[F] & string>(
    feature: F,
    method: M,
    args: ArgsOf<F, M>,
    options: { onEvent?: (event: EventOf<F, M>) => void; transfer?: Transferable[] } = {},
  ): Promise<ResultOf<F, M>> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ResultOf<F, M>>((resolve, reject) => {
      this.pending.set(id, {
        onEvent: (event) => options.onEvent?.(event as EventOf<F, M>),
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      worker.postMessage({ id, feature, method, args }, options.transfer ?? []);
    });
  }

  /** Ends the worker (page teardown, or a test); pending requests fail with `terminated`. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('terminated');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../workers/tf.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.worker?.terminate();
      this.worker = null;
      this.failAll('worker-crashed', { message: event.message || '' });
    });
    this.worker = worker;
    return worker;
  }

  private failAll(code: string, detail: NonNullable<WorkerError['detail']> = {}): void {
    for (const pending of this.pending.values()) pending.reject(new TfWorkerError(code, detail));
    this.pending.clear();
  }

  private receive(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    if (response.kind === 'event') {
      pending.onEvent(response.event);
      return;
    }
    this.pending.delete(response.id);
    if (response.kind === 'result') pending.resolve(response.value);
    else pending.reject(new TfWorkerError(response.error.code, response.error.detail ?? {}));
  }
}

/** The page's one client. */
export const tfWorker = new TfWorkerClient();
