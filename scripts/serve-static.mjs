// @ts-check
// A small static file server for a built site (tests, benchmarks, screenshots of a build in
// another folder): `node scripts/serve-static.mjs <dir> [port]`. Serves index.html for folders,
// 404.html for unknown paths, and sets the content types a browser needs (wasm, js, css).
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

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
    response.writeHead(found ? 200 : 404, { 'content-type': TYPES[/** @type {keyof TYPES} */ (extname(file))] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '4321'] = process.argv.slice(2);
  await serveStatic(dir, Number(port), (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/'));
  console.log(`serving ${dir} on http://127.0.0.1:${port}/`);
}
