import { tf } from '../tf/namespace';
import { chooseBackend, type BackendDecision, type ChooseOptions } from '../tf/backends';
import { DeviceWatch } from '../tf/device-watch';
import type { BackendChoice } from '../tf/backend-field';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * What every feature in the worker shares: the one TensorFlow.js, its current backend and
 * the device watch. While a long computation holds the backend (a training run), a request
 * for another backend gets the current one, so no feature pulls the device from under
 * another.
 */
let decision: BackendDecision | null = null;
let decidedFor: BackendChoice | null = null;
let holds = 0;

export const deviceWatch = new DeviceWatch(tf);

export async function ensureBackend(choice: BackendChoice, options: ChooseOptions = {}): Promise<BackendDecision> {
  if (decision && (holds > 0 || decidedFor === choice || choice === decision.name)) return decision;
  decision = await chooseBackend(tf, choice, options);
  decidedFor = choice;
  return decision;
}

/** Replaces the decision after a fallback chosen by a feature (a lost device). */
export function setBackendDecision(next: BackendDecision, choice: BackendChoice): void {
  decision = next;
  decidedFor = choice;
}

export function currentBackend(): BackendDecision | null {
  return decision;
}

/** Keeps the backend fixed while `work` runs. */
export async function holdingBackend<T>(work: () => Promise<T>): Promise<T> {
  holds++;
  try {
    return await work();
  } finally {
    holds--;
  }
}

/** A backend for light work (one prediction) when nothing has chosen one yet: the CPU will do. */
export async function ensureAnyBackend(): Promise<void> {
  if (!decision) await ensureBackend('cpu');
}

/**
 * A backend probe for ensureBackend: milliseconds of `forward(x, w)`, read back, averaged
 * over three calls after a warm-up (shader compilation and first allocations are not the
 * steady cost). Takes ownership of x and w and disposes them.
 */
export async function forwardProbeMs(x: Tensor, w: Tensor, forward: (x: Tensor, w: Tensor) => Tensor): Promise<number> {
  const once = async () => {
    const y = tf.tidy(() => forward(x, w));
    await y.data();
    y.dispose();
  };
  try {
    await once();
    const started = performance.now();
    for (let i = 0; i < 3; i++) await once();
    return (performance.now() - started) / 3;
  } finally {
    tf.dispose([x, w]);
  }
}
