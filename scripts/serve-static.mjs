// @ts-check
// A small static file server for a built site (tests, benchmarks, screenshots of a build in
// another folder): `node scripts/serve-static.mjs <dir> [port]`. Serves index.html for folders,
// 404.html for unknown paths, and sets the content types a browser needs (wasm, js, css).
// A file is sent as its precompressed copy (file.br, file.gz: scripts/precompress.mjs) when
// the browser accepts that encoding, as a host set up per README does; other text is gzip'd on
// the fly. Lighthouse's simulated network would otherwise time a chapter's 900 KB of HTML raw.
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ENCODINGS, PRECOMPRESSED_EXTENSIONS } from './precompress.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
  '.bin': 'application/octet-stream',
};

/** Gzip'd files, by path and modification time, so a benchmark does not time the compressor. */
const gzipped = new Map();
/** @param {string} file */
function gzippedFile(file) {
  const key = `${file}:${statSync(file).mtimeMs}`;
  let body = gzipped.get(key);
  if (!body) gzipped.set(key, (body = gzipSync(readFileSync(file))));
  return body;
}

/**
 * The newest precompressed copy of file the request accepts (not one older than the file).
 * @param {string} file @param {string} accepted
 */
function precompressedCopy(file, accepted) {
  for (const { name, suffix } of ENCODINGS) {
    if (!new RegExp(`\\b${name}\\b`).test(accepted) || !existsSync(file + suffix)) continue;
    if (statSync(file + suffix).mtimeMs >= statSync(file).mtimeMs) return { encoding: name, path: file + suffix };
  }
  return null;
}

/**
 * @param {string} root @param {number} port @param {string} base
 * @returns {Promise<import('node:http').Server>}
 */
export function serveStatic(root, port, base = '/') {
  const dir = resolve(root);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) path = '/404.html';
    else path = `/${path.slice(base.length)}`;
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) file = join(dir, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = existsSync(file);
    if (!found) file = join(dir, '404.html');
    const type = TYPES[/** @type {keyof TYPES} */ (extname(file))] ?? 'application/octet-stream';
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const copy = precompressedCopy(file, accepted);
    if (copy) {
      const size = statSync(copy.path).size;
      response.writeHead(found ? 200 : 404, { 'content-type': type, 'content-encoding': copy.encoding, 'content-length': size, vary: 'accept-encoding' });
      if (request.method === 'HEAD') response.end();
      else createReadStream(copy.path).pipe(response);
      return;
    }
    if (PRECOMPRESSED_EXTENSIONS.has(extname(file)) && /\bgzip\b/.test(accepted)) {
      const body = gzippedFile(file);
      response.writeHead(found ? 200 : 404, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': body.length, vary: 'accept-encoding' });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    response.writeHead(found ? 200 : 404, { 'content-type': type, vary: 'accept-encoding' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '4321'] = process.argv.slice(2);
  await serveStatic(dir, Number(port), (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/'));
  console.log(`serving ${dir} on http://127.0.0.1:${port}/`);
}
