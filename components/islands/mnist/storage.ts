/**
 * Whether this page saved a model in IndexedDB before — checked without loading
 * TensorFlow.js, so a first visit never starts the worker. A browser without IndexedDB,
 * or one whose storage does not answer in time, simply has no saved model.
 */
export async function savedModelExists(timeoutMs = 3000): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return false;
  const listing = indexedDB.databases().then(
    (databases) => databases.some((db) => db.name === 'tensorflowjs'),
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
  return Promise.race([listing, timeout]);
}
