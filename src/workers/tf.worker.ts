/// <reference lib="webworker" />
import { FeatureError, type WorkerError, type WorkerRequest, type WorkerResponse } from '../tf/protocol';
import { FEATURES } from './features/index';
import { Transfer } from './features/context';

/**
 * The one TensorFlow.js worker: a typed request router. Each request names a feature and a
 * method; the feature's module loads on first use; handlers run concurrently (pause and
 * stop reach a running training), and every request ends in exactly one result or one
 * error tied to its id — a request that cannot be served is refused, never dropped.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (response: WorkerResponse, transfer: Transferable[] = []): void => scope.postMessage(response, transfer);

async function handle(request: WorkerRequest): Promise<void> {
  const { id, feature, method, args } = request;
  const load = Object.hasOwn(FEATURES, feature) ? FEATURES[feature] : undefined;
  if (!load) throw new FeatureError('unknown-feature', { feature });
  const { handlers } = await load();
  const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
  if (!handler) throw new FeatureError('unknown-method', { feature, method });
  const result = await handler(args as never, {
    emit: (event, transfer = []) => post({ id, kind: 'event', event }, transfer),
  });
  if (result instanceof Transfer) post({ id, kind: 'result', value: result.value }, result.transfer);
  else post({ id, kind: 'result', value: result });
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).catch((error: unknown) => {
    const failure: WorkerError =
      error instanceof FeatureError
        ? { code: error.code, detail: error.detail ?? {} }
        : { code: 'internal', detail: { message: error instanceof Error ? error.message : String(error) } };
    post({ id: request.id, kind: 'error', error: failure });
  });
});
