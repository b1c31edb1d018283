import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ASSET_FORMAT, checkIdx, convertMnist, MNIST_FILES, mnistDataDir } from '../../scripts/mnist-assets.mjs';

const SLOW = 60_000;
// Level 1 keeps the test quick; the build uses level 9 (same format, smaller files).
const LEVEL = 1;

describe('convertMnist', () => {
  let outDir = '';
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'mnist-assets-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it(
    'writes gzip assets that inflate to the original IDX bytes, and a matching manifest',
    async () => {
      const result = await convertMnist({ outDir, level: LEVEL });
      expect(result.written).toBe(true);
      const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
      expect(manifest).toEqual(result.manifest);
      expect(manifest.version).toMatch(new RegExp(`^${ASSET_FORMAT}-[0-9a-f]{16}$`));
      expect(manifest.files.map((f: { name: string }) => f.name)).toEqual([
        'train-images.idx.gz',
        'train-labels.idx.gz',
        'test-images.idx.gz',
        'test-labels.idx.gz',
      ]);
      for (const [i, spec] of MNIST_FILES.entries()) {
        const original = await readFile(join(mnistDataDir(), spec.source));
        const gz = await readFile(join(outDir, spec.name));
        const entry = manifest.files[i];
        expect(entry).toMatchObject({ id: spec.id, kind: spec.kind, count: spec.count });
        expect(entry.bytes).toBe(gz.length);
        expect(entry.rawBytes).toBe(original.length);
        expect(entry.sha256).toBe(createHash('sha256').update(original).digest('hex'));
        expect(gz.length).toBeLessThan(original.length);
        expect(gunzipSync(gz).equals(original)).toBe(true);
      }
    },
    SLOW,
  );

  it(
    'skips work when the assets are up to date, and redoes it when an asset is missing or has the wrong size',
    async () => {
      const again = await convertMnist({ outDir, level: LEVEL });
      expect(again.written).toBe(false);
      const labels = join(outDir, 'test-labels.idx.gz');
      await writeFile(labels, 'truncated');
      const repaired = await convertMnist({ outDir, level: LEVEL });
      expect(repaired.written).toBe(true);
      expect((await stat(labels)).size).toBe(repaired.manifest.files[3]?.bytes);
      expect(repaired.manifest.version).toBe(again.manifest.version); // same data, same cache key
      await rm(join(outDir, 'train-labels.idx.gz'));
      expect((await convertMnist({ outDir, level: LEVEL })).written).toBe(true);
      expect((await stat(join(outDir, 'train-labels.idx.gz'))).size).toBe(repaired.manifest.files[1]?.bytes);
    },
    SLOW,
  );
});

describe('checkIdx', () => {
  const labelsSpec = MNIST_FILES[3]!;
  const labels = (count: number, values: number[], magic = 0x801) => {
    const bytes = new Uint8Array(8 + values.length);
    new DataView(bytes.buffer).setUint32(0, magic);
    new DataView(bytes.buffer).setUint32(4, count);
    bytes.set(values, 8);
    return bytes;
  };
  const spec = { ...labelsSpec, count: 3 };

  it('accepts a valid file and rejects bad magic, counts, lengths and labels', () => {
    expect(() => checkIdx(labels(3, [1, 2, 3]), spec)).not.toThrow();
    expect(() => checkIdx(labels(3, [1, 2, 3], 0x803), spec)).toThrow(/magic/);
    expect(() => checkIdx(labels(4, [1, 2, 3, 4]), spec)).toThrow(/dimensions/);
    expect(() => checkIdx(labels(3, [1, 2]), spec)).toThrow(/bytes/);
    expect(() => checkIdx(labels(3, [1, 2, 3, 4]), spec)).toThrow(/bytes/);
    expect(() => checkIdx(labels(3, [1, 12, 3]), spec)).toThrow(/label/);
  });
});
