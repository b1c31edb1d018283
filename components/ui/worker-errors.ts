import { TfWorkerError } from '../../src/tf/client';
import { format } from './shell-strings';

/** A failed TensorFlow.js worker request as an island keeps it: a code and its numbers. */
export interface WorkerErrorInfo {
  code: string;
  detail: Record<string, string | number | boolean | null>;
}

/** The code and numbers of anything a worker call rejected with (`internal` for a plain Error). */
export function workerErrorInfo(error: unknown): WorkerErrorInfo {
  return error instanceof TfWorkerError
    ? { code: error.code, detail: error.detail }
    : { code: 'internal', detail: { message: error instanceof Error ? error.message : String(error) } };
}

/** The island's sentence for an error: its template for the code (or the fallback) with the numbers filled in. */
export function workerErrorText(error: WorkerErrorInfo, templates: Readonly<Record<string, string>>, fallback: string): string {
  const template = templates[error.code] ?? fallback;
  return format(template, { code: error.code, ...Object.fromEntries(Object.entries(error.detail).map(([k, v]) => [k, String(v)])) });
}
