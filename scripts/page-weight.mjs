// @ts-check
// The JavaScript a built page loads before any interaction: its <script> tags (inline and
// external) plus every module those import statically, transitively. Chunks reached only
// through dynamic import() — islands, TensorFlow.js — load on use; they are
// reported separately as `lazy`, each with what it adds on top of the up-front code.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, posix } from 'node:path';

// Bundlers quote specifiers with ", ' or ` (Rolldown uses backticks).
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`]([^"'`]+\.m?js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.m?js)["'`]\s*\)/g;

/** The named chunk groups of astro.config.mjs (shared by every island that uses them). */
export const SHARED_GROUPS = ['lit-shell', 'katex', 'd3', 'tfjs'];

/** @param {string} file */
const sharedGroupOf = (file) => SHARED_GROUPS.find((group) => posix.basename(file).startsWith(`${group}.`) || posix.basename(file).startsWith(`${group}-`));

/** @param {Buffer[]} parts */
const sizes = (parts) => {
  const all = Buffer.concat(parts);
  return { raw: all.length, gzip: all.length ? gzipSync(all, { level: 9 }).length : 0 };
};

/**
 * @param {string} distDir
 * @param {string} htmlFile path of the page inside distDir, e.g. "chapters/03-algorithms/index.html"
 * @param {string} base the site's base path, e.g. "/"
 */
export function pageWeight(distDir, htmlFile, base = '/') {
  const html = readFileSync(join(distDir, htmlFile), 'utf8');
  const pageUrlDir = posix.dirname(`/${htmlFile}`);
  /** @type {string[]} */
  const foreign = [];

  /** @param {string} url @param {string} fromDir */
  const resolve = (url, fromDir) => {
    if (/^(https?:)?\/\//.test(url)) {
      foreign.push(url);
      return null;
    }
    let path = url.startsWith('/') ? url : posix.join(fromDir, url);
    if (base !== '/' && path.startsWith(base)) path = `/${path.slice(base.length)}`;
    return existsSync(join(distDir, path)) ? path : null;
  };

  /**
   * Adds `entry` and its static imports to `into`; collects dynamic import targets.
   * @param {string} path @param {Map<string, Buffer>} into @param {Set<string>} dynamic
   */
  const collect = (path, into, dynamic) => {
    if (into.has(path)) return;
    const code = readFileSync(join(distDir, path));
    into.set(path, code);
    const text = code.toString('utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) {
      const next = resolve(m[1] ?? '', posix.dirname(path));
      if (next) collect(next, into, dynamic);
    }
    for (const m of text.matchAll(DYNAMIC_IMPORT)) {
      const next = resolve(m[1] ?? '', posix.dirname(path));
      if (next) dynamic.add(next);
    }
  };

  /** @type {Map<string, Buffer>} */
  const upFront = new Map();
  /** @type {Set<string>} */
  const dynamic = new Set();
  /** @type {Buffer[]} */
  const inline = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = match[1] ?? '';
    if (/type="application\/(ld\+)?json"/.test(attrs)) continue;
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    const body = match[2] ?? '';
    if (src) {
      const path = resolve(src, pageUrlDir);
      if (path) collect(path, upFront, dynamic);
      continue;
    }
    inline.push(Buffer.from(body));
    for (const m of body.matchAll(STATIC_IMPORT)) {
      const path = resolve(m[1] ?? '', pageUrlDir);
      if (path) collect(path, upFront, dynamic);
    }
    for (const m of body.matchAll(DYNAMIC_IMPORT)) {
      const path = resolve(m[1] ?? '', pageUrlDir);
      if (path) dynamic.add(path);
    }
  }
  for (const match of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) {
    const path = resolve(match[1] ?? '', pageUrlDir);
    if (path) collect(path, upFront, dynamic);
  }

  const lazy = [...dynamic]
    .filter((path) => !upFront.has(path))
    .map((path) => {
      /** @type {Map<string, Buffer>} */
      const chunk = new Map();
      collect(path, chunk, new Set());
      const added = [...chunk].filter(([file]) => !upFront.has(file));
      /** @type {Record<string, number>} gzip bytes of each named shared chunk it loads */
      const shared = {};
      /** @type {Buffer[]} */
      const own = [];
      for (const [file, code] of added) {
        const group = sharedGroupOf(file);
        if (group) shared[group] = (shared[group] ?? 0) + sizes([code]).gzip;
        else own.push(code);
      }
      return { entry: path, ...sizes(added.map(([, code]) => code)), own: sizes(own), shared };
    });

  return { files: [...upFront.keys()], foreign, ...sizes([...inline, ...upFront.values()]), lazy };
}
