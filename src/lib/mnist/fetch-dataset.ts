import type { MnistSplit } from './dataset';
import { checkMnistSplit, parseIdx, type IdxFile } from './idx';

/**
 * Loads the MNIST assets written by scripts/mnist-assets.mjs, inside the trainer's module
 * worker: manifest → four gzip'd IDX files (same origin, below `baseUrl`) → Cache API →
 * DecompressionStream → sha256 → idx.ts. The manifest is revalidated on every call (a few
 * hundred bytes; HTTP answers 304 when unchanged) so that a new dataset version is noticed;
 * the assets come from the cache named after that version when they are there.
 */

export type MnistFileId = 'train-images' | 'train-labels' | 'test-images' | 'test-labels';
const FILE_IDS: readonly MnistFileId[] = ['train-images', 'train-labels', 'test-images', 'test-labels'];

export interface MnistManifestFile {
  id: MnistFileId;
  name: string;
  kind: 'images' | 'labels';
  count: number;
  /** Compressed size: what is downloaded, and what progress counts. */
  bytes: number;
  rawBytes: number;
  sha256: string;
}

export interface MnistManifest {
  version: string;
  files: MnistManifestFile[];
}

export type MnistLoadErrorCode = 'network' | 'http' | 'manifest' | 'corrupt' | 'aborted' | 'stalled';

export class MnistLoadError extends Error {
  override readonly name = 'MnistLoadError';
  constructor(
    readonly code: MnistLoadErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface MnistLoadProgress {
  /** Compressed bytes done, over all files (cached files count when read). Never decreases. */
  loaded: number;
  total: number;
  /** The asset being loaded. */
  file: string;
}

export interface LoadMnistOptions {
  /** The folder holding manifest.json, e.g. `${import.meta.env.BASE_URL}data/mnist/`; resolved against the worker's location. */
  baseUrl: string | URL;
  onProgress?: (progress: MnistLoadProgress) => void;
  signal?: AbortSignal;
  /** Defaults to the global fetch; for tests. */
  fetch?: (input: URL, init: RequestInit) => Promise<Response>;
  /** Defaults to the global CacheStorage where there is one; null loads without caching. */
  caches?: CacheStorage | null;
  /** A download that sends no byte for this long is given up (code `stalled`). Default 20 s. */
  stallMs?: number;
}

export const DEFAULT_STALL_MS = 20_000;

export interface LoadedMnist {
  train: MnistSplit;
  test: MnistSplit;
  /** True when no asset had to be downloaded. */
  fromCache: boolean;
  version: string;
}

export const CACHE_PREFIX = 'mnist-data-';

export async function loadMnist(options: LoadMnistOptions): Promise<LoadedMnist> {
  const { signal } = options;
  const fetchAsset = options.fetch ?? ((input: URL, init: RequestInit) => fetch(input, init));
  try {
    const base = folderUrl(options.baseUrl);
    const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    const manifest = await fetchManifest(fetchAsset, base, signal, stallMs);
    const cache = await openVersionCache(options.caches === undefined ? globalCaches() : options.caches, manifest.version);
    const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    let done = 0;
    options.onProgress?.({ loaded: 0, total, file: manifest.files[0]?.name ?? '' });
    const parsed = new Map<MnistFileId, IdxFile>();
    let fromCache = true;
    for (const file of manifest.files) {
      const url = new URL(file.name, base);
      url.searchParams.set('v', manifest.version); // a new version bypasses stale HTTP caches
      let idx = await readCached(cache, url, file, signal);
      if (!idx) {
        fromCache = false;
        const onBytes = (received: number) =>
          options.onProgress?.({ loaded: done + Math.min(received, file.bytes), total, file: file.name });
        const gz = await download(fetchAsset, url, onBytes, signal, 'default', stallMs);
        idx = await decodeAsset(gz, file);
        await cache?.put(url, new Response(gz, { headers: { 'content-type': 'application/gzip' } })).catch(() => undefined);
      }
      parsed.set(file.id, idx);
      done += file.bytes;
      options.onProgress?.({ loaded: done, total, file: file.name });
    }
    const split = (images: MnistFileId, labels: MnistFileId) => {
      const imageFile = parsed.get(images);
      const labelFile = parsed.get(labels);
      if (!imageFile || !labelFile) throw new MnistLoadError('manifest', `清单缺少 ${images} 或 ${labels} / manifest lacks ${images} or ${labels}`);
      return checkMnistSplit(imageFile, labelFile, imageFile.count);
    };
    const result = { train: split('train-images', 'train-labels'), test: split('test-images', 'test-labels'), fromCache, version: manifest.version };
    signal?.throwIfAborted();
    return result;
  } catch (error) {
    throw asLoadError(error, signal);
  }
}

function folderUrl(baseUrl: string | URL): URL {
  const url = new URL(baseUrl, typeof location === 'undefined' ? undefined : location.href);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function globalCaches(): CacheStorage | null {
  return typeof caches === 'undefined' ? null : caches;
}

async function fetchManifest(fetchAsset: NonNullable<LoadMnistOptions['fetch']>, base: URL, signal: AbortSignal | undefined, stallMs: number) {
  const url = new URL('manifest.json', base);
  const bytes = await download(fetchAsset, url, () => undefined, signal, 'no-cache', stallMs);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new MnistLoadError('manifest', `数据清单不是有效的 JSON：${url} / the data manifest is not valid JSON: ${url}`, { cause: error });
  }
  return checkManifest(json);
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

export function checkManifest(json: unknown): MnistManifest {
  const bad = (why: string) => new MnistLoadError('manifest', `数据清单无效：${why} / invalid data manifest: ${why}`);
  const m = json as Partial<MnistManifest> | null;
  if (!m || typeof m.version !== 'string' || !m.version || !Array.isArray(m.files)) throw bad('version/files');
  const files = FILE_IDS.map((id) => {
    const f = m.files?.find((entry) => (entry as Partial<MnistManifestFile> | null)?.id === id);
    if (!f) throw bad(`no ${id}`);
    const kind = id.endsWith('images') ? 'images' : 'labels';
    // Plain file names only: the assets must come from the site itself.
    if (typeof f.name !== 'string' || !/^[\w-][\w.-]*$/.test(f.name)) throw bad(`${id}.name`);
    if (f.kind !== kind || !isCount(f.count) || !isCount(f.bytes) || !isCount(f.rawBytes)) throw bad(`${id} sizes`);
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) throw bad(`${id}.sha256`);
    return { id, name: f.name, kind, count: f.count, bytes: f.bytes, rawBytes: f.rawBytes, sha256: f.sha256 } satisfies MnistManifestFile;
  });
  return { version: m.version, files };
}

async function openVersionCache(storage: CacheStorage | null, version: string): Promise<Cache | null> {
  if (!storage) return null;
  try {
    const name = CACHE_PREFIX + version;
    for (const old of await storage.keys()) if (old.startsWith(CACHE_PREFIX) && old !== name) await storage.delete(old);
    return await storage.open(name);
  } catch {
    return null; // e.g. storage disabled in private windows: load without caching
  }
}

/** The cached file if present and intact; a corrupted entry is deleted so that it is downloaded again. */
async function readCached(cache: Cache | null, url: URL, file: MnistManifestFile, signal: AbortSignal | undefined): Promise<IdxFile | null> {
  const hit = await cache?.match(url).catch(() => undefined);
  if (!cache || !hit) return null;
  try {
    return await decodeAsset(new Uint8Array(await hit.arrayBuffer()), file);
  } catch {
    signal?.throwIfAborted();
    await cache.delete(url).catch(() => false);
    return null;
  }
}

async function download(
  fetchAsset: NonNullable<LoadMnistOptions['fetch']>,
  url: URL,
  onBytes: (received: number) => void,
  signal: AbortSignal | undefined,
  cache: RequestCache = 'default',
  stallMs = DEFAULT_STALL_MS,
): Promise<Uint8Array<ArrayBuffer>> {
  signal?.throwIfAborted();
  // Our own controller: aborted by the caller's signal, or by us when bytes stop coming.
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, stallMs);
  };
  const failed = (error: unknown) =>
    stalled
      ? new MnistLoadError('stalled', `no data for ${stallMs / 1000} s while downloading ${url.pathname}`, { cause: error })
      : new MnistLoadError('network', `network error while downloading ${url.pathname}`, { cause: error });
  try {
    watch();
    const response = await fetchAsset(url, { signal: controller.signal, cache }).catch((error: unknown) => {
      signal?.throwIfAborted();
      throw failed(error);
    });
    if (!response.ok) throw new MnistLoadError('http', `downloading ${url.pathname} failed: HTTP ${response.status}`);
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      const reader = response.body?.getReader();
      const stop = () => void reader?.cancel().catch(() => undefined);
      controller.signal.addEventListener('abort', stop, { once: true });
      for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
        if (controller.signal.aborted) break;
        watch();
        chunks.push(chunk.value);
        received += chunk.value.length;
        onBytes(received);
      }
      signal?.throwIfAborted();
      if (stalled) throw new Error('stalled');
    } catch (error) {
      signal?.throwIfAborted();
      throw failed(error);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

/** Inflates, checks size and sha256, parses. Also accepts raw IDX bytes, for servers that send .gz files with Content-Encoding: gzip. */
async function decodeAsset(bytes: Uint8Array<ArrayBuffer>, file: MnistManifestFile): Promise<IdxFile> {
  const corrupt = (why: string, cause?: unknown) =>
    new MnistLoadError('corrupt', `数据文件 ${file.name} 已损坏：${why} / data file ${file.name} is corrupted: ${why}`, { cause });
  let raw = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    } catch (error) {
      throw corrupt('gzip', error);
    }
  }
  if (raw.length !== file.rawBytes) throw corrupt(`${raw.length} bytes, expected ${file.rawBytes}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== file.sha256) throw corrupt('sha256');
  let idx: IdxFile;
  try {
    idx = parseIdx(raw);
  } catch (error) {
    throw corrupt(error instanceof Error ? error.message : String(error), error);
  }
  if (idx.kind !== file.kind || idx.count !== file.count) throw corrupt(`${idx.count} ${idx.kind}, expected ${file.count} ${file.kind}`);
  return idx;
}

function asLoadError(error: unknown, signal: AbortSignal | undefined): MnistLoadError {
  if (signal?.aborted) return new MnistLoadError('aborted', '已取消加载 MNIST 数据 / loading MNIST was cancelled', { cause: signal.reason });
  if (error instanceof MnistLoadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MnistLoadError('corrupt', `MNIST 数据无效：${message} / invalid MNIST data: ${message}`, { cause: error });
}
