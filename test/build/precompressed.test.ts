import { get, type IncomingMessage } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BASE, DIST } from './dist';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { PRECOMPRESSED_EXTENSIONS } from '../../scripts/precompress.mjs';

const files = (readdirSync(DIST, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name));
const eligible = files.filter((f) => PRECOMPRESSED_EXTENSIONS.has(extname(f)) && statSync(f).size >= 1024);

describe('precompressed copies (scripts/precompress.mjs)', () => {
  it('every text file of 1 KB or more has a Brotli and a gzip copy that decode to its bytes', () => {
    expect(eligible.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const file of eligible) {
      const bytes = readFileSync(file);
      const br = `${file}.br`;
      const gz = `${file}.gz`;
      if (!existsSync(br) || !brotliDecompressSync(readFileSync(br)).equals(bytes)) wrong.push(relative(DIST, br));
      if (!existsSync(gz) || !gunzipSync(readFileSync(gz)).equals(bytes)) wrong.push(relative(DIST, gz));
    }
    expect(wrong).toEqual([]);
  });

  it('the chapters are sent as Brotli at well under their gzip size', () => {
    const html = join(DIST, 'chapters/04-math/index.html');
    expect(statSync(`${html}.br`).size).toBeLessThan(0.75 * statSync(`${html}.gz`).size);
  });

  it('the service worker precaches the pages, not their compressed copies', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    expect(sw).toContain('chapters/04-math/index.html');
    expect(sw).not.toMatch(/\.html\.(br|gz)\b/);
  });

  it('the test server sends the copy the browser accepts, and plain bytes to one that accepts none', async () => {
    const server = await serveStatic(DIST, 4479, BASE);
    try {
      const url = `http://127.0.0.1:4479${BASE}chapters/04-math/`;
      const original = readFileSync(join(DIST, 'chapters/04-math/index.html'));
      for (const [accept, encoding] of [['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip'], ['identity', null]] as const) {
        const response = await new Promise<IncomingMessage>((done, fail) => get(url, { headers: { 'accept-encoding': accept } }, done).on('error', fail));
        const chunks: Buffer[] = [];
        for await (const chunk of response) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        expect(response.headers['content-encoding'] ?? null).toBe(encoding);
        const decoded = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
        expect(decoded.equals(original)).toBe(true);
      }
    } finally {
      server.close();
    }
  });
});
