/**
 * The page ↔ TensorFlow.js worker protocol: every request has an id; the worker answers
 * with any number of events for it, then exactly one result or one error. Errors are codes
 * with numbers (the page's strings say them in words), tied to the request that failed.
 */
export interface WorkerRequest {
  id: number;
  feature: string;
  method: string;
  args: unknown;
}

export interface WorkerError {
  code: string;
  detail?: Record<string, string | number | boolean | null>;
}

export type WorkerResponse =
  | { id: number; kind: 'event'; event: unknown }
  | { id: number; kind: 'result'; value: unknown }
  | { id: number; kind: 'error'; error: WorkerError };

/**
 * One feature's API as types: method → its arguments, result and streamed events. A
 * feature module in src/workers/features/ implements it; the page calls it through
 * TfWorkerClient. Types only, so the page never bundles worker code.
 */
export type FeatureApi = Record<string, { args: unknown; result: unknown; event: unknown }>;

/** An expected failure a handler reports: thrown in the worker, rejected on the page. */
export class FeatureError extends Error {
  constructor(
    readonly code: string,
    readonly detail: WorkerError['detail'] = {},
  ) {
    super(code);
    this.name = 'FeatureError';
  }
}
