import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { convertMnist } from '../../scripts/mnist-assets.mjs';
import { MNIST_PIXELS } from '../../src/lib/mnist/dataset';
import { createRng } from '../../src/lib/random/prng';
import {
  CACHE_PREFIX,
  loadMnist,
  MnistLoadError,
  type LoadMnistOptions,
  type MnistLoadErrorCode,
  type MnistLoadProgress,
  type MnistManifest,
} from '../../src/lib/mnist/fetch-dataset';

const BASE = 'https://guide.test/sub/data/mnist/';

/* A small dataset in the assets' format: 30 training and 12 test images. */

function idx(magic: number, dims: number[], data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  bytes.set(data, 4 + 4 * dims.length);
  return bytes;
}

function smallDataset(version: string) {
  const rng = createRng(7); // noise, so that the gzip'd images stay several kilobytes
  const bytes = (length: number, max: number) => Uint8Array.from({ length }, () => rng.int(max));
  const raw = {
    'train-images': idx(0x803, [30, 28, 28], bytes(30 * MNIST_PIXELS, 256)),
    'train-labels': idx(0x801, [30], bytes(30, 10)),
    'test-images': idx(0x803, [12, 28, 28], bytes(12 * MNIST_PIXELS, 256)),
    'test-labels': idx(0x801, [12], bytes(12, 10)),
  };
  const assets = new Map<string, Uint8Array>();
  const files = Object.entries(raw).map(([id, bytes]) => {
    const gz = new Uint8Array(gzipSync(bytes));
    const name = `${id}.idx.gz`;
    assets.set(name, gz);
    const [count] = id.endsWith('images') ? [(bytes.length - 16) / MNIST_PIXELS] : [bytes.length - 8];
    return {
      id,
      name,
      kind: id.endsWith('images') ? 'images' : 'labels',
      count,
      bytes: gz.length,
      rawBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
  const manifest = { version, files } as MnistManifest;
  assets.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return { raw, assets, manifest };
}

/**
 * A same-origin server in memory: answers under BASE from `assets` (a body of 1,000-byte
 * chunks, like a network stream), records each request, and honours the abort signal.
 */
function fakeServer(assets: Map<string, Uint8Array>) {
  const requests: string[] = [];
  const fetch: NonNullable<LoadMnistOptions['fetch']> = async (url, init) => {
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    requests.push(url.pathname.split('/').pop() ?? '');
    if (!url.href.startsWith(BASE)) throw new TypeError(`cross-origin request to ${url.href}`);
    const body = assets.get(url.pathname.slice(new URL(BASE).pathname.length));
    if (!body) return new Response('not found', { status: 404 });
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener('abort', () => controller.error(signal.reason));
      },
      pull(controller) {
        if (offset >= body.length) return controller.close();
        controller.enqueue(body.slice(offset, offset + 1000));
        offset += 1000;
      },
    });
    return new Response(stream, { status: 200 });
  };
  return { fetch, requests };
}

/** The part of the Cache API the loader uses, in memory. */
class MemoryCaches {
  readonly stores = new Map<string, Map<string, Uint8Array>>();
  async open(name: string) {
    const store = this.stores.get(name) ?? new Map<string, Uint8Array>();
    this.stores.set(name, store);
    return {
      match: async (url: URL) => {
        const bytes = store.get(url.href);
        return bytes ? new Response(bytes.slice()) : undefined;
      },
      put: async (url: URL, response: Response) => {
        store.set(url.href, new Uint8Array(await response.arrayBuffer()));
      },
      delete: async (url: URL) => store.delete(url.href),
    };
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  asCacheStorage() {
    return this as unknown as CacheStorage;
  }
}

async function loadError(promise: Promise<unknown>): Promise<MnistLoadErrorCode> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MnistLoadError);
  expect((error as Error).message.length).toBeGreaterThan(0);
  return (error as MnistLoadError).code;
}

describe('loadMnist', () => {
  const data = smallDataset('v1');
  const total = data.manifest.files.reduce((sum, f) => sum + f.bytes, 0);

  it('downloads, inflates and validates the four files, reporting progress in bytes', async () => {
    const server = fakeServer(data.assets);
    const progress: MnistLoadProgress[] = [];
    const result = await loadMnist({ baseUrl: BASE, fetch: server.fetch, caches: null, onProgress: (p) => progress.push(p) });
    expect(result.fromCache).toBe(false);
    expect(result.version).toBe('v1');
    expect(result.train.count).toBe(30);
    expect(result.test.count).toBe(12);
    expect([...result.train.labels]).toEqual([...data.raw['train-labels'].subarray(8)]);
    expect([...result.test.images]).toEqual([...data.raw['test-images'].subarray(16)]);
    expect(server.requests).toEqual(['manifest.json', ...data.manifest.files.map((f) => f.name)]);

    expect(progress.length).toBeGreaterThan(8); // chunk by chunk, not file by file
    expect(progress.every((p) => p.total === total)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.loaded).toBeGreaterThanOrEqual(progress[i - 1]!.loaded);
    expect(progress[0]?.loaded).toBe(0);
    expect(progress.at(-1)?.loaded).toBe(total);
  });

  it('serves a second load from the cache, fetching only the manifest', async () => {
    const caches = new MemoryCaches();
    const first = fakeServer(data.assets);
    await loadMnist({ baseUrl: BASE, fetch: first.fetch, caches: caches.asCacheStorage() });
    expect([...caches.stores.keys()]).toEqual([`${CACHE_PREFIX}v1`]);

    const second = fakeServer(data.assets);
    const progress: MnistLoadProgress[] = [];
    const result = await loadMnist({ baseUrl: BASE, fetch: second.fetch, caches: caches.asCacheStorage(), onProgress: (p) => progress.push(p) });
    expect(result.fromCache).toBe(true);
    expect(second.requests).toEqual(['manifest.json']);
    expect([...result.train.images]).toEqual([...data.raw['train-images'].subarray(16)]);
    expect(progress.at(-1)).toMatchObject({ loaded: total, total });
  });

  it('replaces the cache of an older dataset version', async () => {
    const caches = new MemoryCaches();
    await loadMnist({ baseUrl: BASE, fetch: fakeServer(data.assets).fetch, caches: caches.asCacheStorage() });
    const next = smallDataset('v2');
    const server = fakeServer(next.assets);
    const result = await loadMnist({ baseUrl: BASE, fetch: server.fetch, caches: caches.asCacheStorage() });
    expect(result.fromCache).toBe(false);
    expect(server.requests).toHaveLength(5);
    expect([...caches.stores.keys()]).toEqual([`${CACHE_PREFIX}v2`]);
  });

  it('deletes a corrupted cache entry and downloads that file again, once', async () => {
    const caches = new MemoryCaches();
    await loadMnist({ baseUrl: BASE, fetch: fakeServer(data.assets).fetch, caches: caches.asCacheStorage() });
    const store = caches.stores.get(`${CACHE_PREFIX}v1`)!;
    const key = [...store.keys()].find((k) => k.includes('train-images'))!;
    const damaged = store.get(key)!.slice();
    const middle = damaged.length >> 1;
    damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;
    store.set(key, damaged);
    store.set([...store.keys()].find((k) => k.includes('test-labels'))!, new Uint8Array([1, 2, 3]));

    const server = fakeServer(data.assets);
    const result = await loadMnist({ baseUrl: BASE, fetch: server.fetch, caches: caches.asCacheStorage() });
    expect(result.fromCache).toBe(false);
    expect(server.requests).toEqual(['manifest.json', 'train-images.idx.gz', 'test-labels.idx.gz']);
    expect([...result.train.images]).toEqual([...data.raw['train-images'].subarray(16)]);
    expect(store.get(key)).toEqual(data.assets.get('train-images.idx.gz'));

    // The server's copy is corrupted too: a clear error, not a loop.
    store.set(key, damaged);
    const bad = new Map(data.assets);
    bad.set('train-images.idx.gz', damaged);
    const badServer = fakeServer(bad);
    expect(await loadError(loadMnist({ baseUrl: BASE, fetch: badServer.fetch, caches: caches.asCacheStorage() }))).toBe('corrupt');
    expect(badServer.requests).toEqual(['manifest.json', 'train-images.idx.gz']);
  });

  it('stops with an "aborted" error when cancelled, during a download or before it starts', async () => {
    const controller = new AbortController();
    const onProgress = (p: MnistLoadProgress) => p.loaded > 3000 && controller.abort();
    const server = fakeServer(data.assets);
    const promise = loadMnist({ baseUrl: BASE, fetch: server.fetch, caches: null, signal: controller.signal, onProgress });
    expect(await loadError(promise)).toBe('aborted');
    expect(server.requests.length).toBeLessThan(5);

    const cancelled = new AbortController();
    cancelled.abort();
    const idle = fakeServer(data.assets);
    expect(await loadError(loadMnist({ baseUrl: BASE, fetch: idle.fetch, caches: null, signal: cancelled.signal }))).toBe('aborted');
    expect(idle.requests).toEqual([]);
  });

  it('reports HTTP, network, manifest and data errors by kind', async () => {
    const load = (assets: Map<string, Uint8Array>, fetch = fakeServer(assets).fetch) => loadError(loadMnist({ baseUrl: BASE, fetch, caches: null }));
    const without = new Map(data.assets);
    without.delete('test-images.idx.gz');
    expect(await load(without)).toBe('http');
    expect(await load(data.assets, async () => Promise.reject(new TypeError('Failed to fetch')))).toBe('network');
    const badJson = new Map(data.assets).set('manifest.json', new TextEncoder().encode('{'));
    expect(await load(badJson)).toBe('manifest');
    const foreign = { ...data.manifest, files: data.manifest.files.map((f) => ({ ...f, name: `//evil.test/${f.name}` })) };
    expect(await load(new Map(data.assets).set('manifest.json', new TextEncoder().encode(JSON.stringify(foreign))))).toBe('manifest');
    const truncated = new Map(data.assets).set('test-labels.idx.gz', data.assets.get('test-labels.idx.gz')!.slice(0, 20));
    expect(await load(truncated)).toBe('corrupt');
  });

  it('gives up on a download that stops sending bytes, and on one that never answers', async () => {
    const stallAfter = (bytes: number): NonNullable<LoadMnistOptions['fetch']> => async (url, init) => {
      const body = data.assets.get(url.pathname.slice(new URL(BASE).pathname.length))!;
      if (url.pathname.endsWith('manifest.json')) return new Response(new Blob([body.slice()]));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(body.slice(0, bytes));
          init.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
        },
      });
      return new Response(stream);
    };
    expect(await loadError(loadMnist({ baseUrl: BASE, fetch: stallAfter(500), caches: null, stallMs: 50 }))).toBe('stalled');
    const silent: NonNullable<LoadMnistOptions['fetch']> = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    expect(await loadError(loadMnist({ baseUrl: BASE, fetch: silent, caches: null, stallMs: 50 }))).toBe('stalled');
  });

  it('stops at once when the reader cancels, even mid-download', async () => {
    const controller = new AbortController();
    const hanging: NonNullable<LoadMnistOptions['fetch']> = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const loading = loadMnist({ baseUrl: BASE, fetch: hanging, caches: null, signal: controller.signal });
    controller.abort();
    expect(await loadError(loading)).toBe('aborted');
  });

  it('accepts raw IDX bytes from a server that decoded the gzip already', async () => {
    const decoded = new Map(data.assets).set('train-labels.idx.gz', data.raw['train-labels']);
    const result = await loadMnist({ baseUrl: BASE, fetch: fakeServer(decoded).fetch, caches: null });
    expect([...result.train.labels]).toEqual([...data.raw['train-labels'].subarray(8)]);
  });

  it('resolves the base path with or without a trailing slash', async () => {
    const server = fakeServer(data.assets);
    await loadMnist({ baseUrl: BASE.slice(0, -1), fetch: server.fetch, caches: null });
    expect(server.requests).toHaveLength(5);
  });
});

describe('loadMnist on the real assets', () => {
  let outDir = '';
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'mnist-fetch-'));
    await convertMnist({ outDir, level: 1 });
  }, 60_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('loads 60,000 + 10,000 images; the first are a 5 and a 7', async () => {
    const assets = new Map<string, Uint8Array>();
    for (const name of ['manifest.json', 'train-images.idx.gz', 'train-labels.idx.gz', 'test-images.idx.gz', 'test-labels.idx.gz']) {
      assets.set(name, new Uint8Array(await readFile(join(outDir, name))));
    }
    const result = await loadMnist({ baseUrl: BASE, fetch: fakeServer(assets).fetch, caches: null });
    expect(result.train.count).toBe(60_000);
    expect(result.test.count).toBe(10_000);
    expect(result.train.labels[0]).toBe(5);
    expect(result.test.labels[0]).toBe(7);
  }, 60_000);
});
