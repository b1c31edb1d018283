import { tf } from '../../tf/namespace';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { MnistNotice } from './mnist-api';

/**
 * The trained model in this browser's IndexedDB. Storage can be missing (some private
 * windows), refuse (quota) or hang (a blocked upgrade): every call is bounded in time and
 * reports a notice instead of holding up training.
 */
export const MODEL_URL = 'indexeddb://ml-guide-mnist-cnn';
export const STORAGE_TIMEOUT_MS = 8000;

export interface SavedMeta {
  accuracy: number;
  evaluatedOn: number;
  epochs: number | null;
  source: 'trained' | 'files';
}

class Timeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export const storageAvailable = (): boolean => typeof indexedDB !== 'undefined';

/** Saves the model; returns when it was saved, or the notice that says why it was not. */
export async function saveModel(model: LayersModel, meta: SavedMeta): Promise<{ savedAt: string } | { notice: MnistNotice }> {
  if (!storageAvailable()) return { notice: { code: 'storage-missing' } };
  const savedAt = new Date().toISOString();
  try {
    model.setUserDefinedMetadata({ ...meta, savedAt });
    await withTimeout(model.save(MODEL_URL), STORAGE_TIMEOUT_MS);
    return { savedAt };
  } catch (error) {
    if (error instanceof Timeout) return { notice: { code: 'save-timeout', seconds: STORAGE_TIMEOUT_MS / 1000 } };
    return { notice: { code: 'save-failed', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** The saved model and its metadata, or null when there is none (or storage does not answer). */
export async function loadSavedModel(): Promise<{ model: LayersModel; meta: Partial<SavedMeta> & { savedAt?: string } } | null> {
  if (!storageAvailable()) return null;
  try {
    const known = await withTimeout(tf.io.listModels(), STORAGE_TIMEOUT_MS);
    if (!Object.hasOwn(known, MODEL_URL)) return null;
    const model = await withTimeout(tf.loadLayersModel(MODEL_URL), STORAGE_TIMEOUT_MS);
    return { model, meta: (model.getUserDefinedMetadata() ?? {}) as Partial<SavedMeta> & { savedAt?: string } };
  } catch {
    return null;
  }
}
