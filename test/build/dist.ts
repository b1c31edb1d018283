import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'hast';

/** The built site: dist/, or the folder DIST_DIR names (a build with --outDir). */
export const DIST = process.env['DIST_DIR'] ?? join(process.cwd(), 'dist');
export const BASE = (process.env['BASE_PATH'] ?? '/').replace(/\/?$/, '/');

export interface BuiltPage {
  /** Path inside dist, e.g. `chapters/03-algorithms/index.html`. */
  file: string;
  /** URL path with base, e.g. `/chapters/03-algorithms/`. */
  path: string;
  html: string;
  tree: Root;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'pagefind' || entry.name === '_astro' ? [] : walk(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

let cache: BuiltPage[] | undefined;

export function builtPages(): BuiltPage[] {
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` before the build tests');
  cache ??= walk(DIST)
    .sort()
    .map((full) => {
      const file = relative(DIST, full);
      const html = readFileSync(full, 'utf8');
      const path = BASE + file.replace(/index\.html$/, '').replace(/\.html$/, '');
      return { file, path, html, tree: fromHtml(html) };
    });
  return cache;
}

/** Resolves a URL path (with base) to the file that serves it, if any. */
export function fileForPath(path: string): string | undefined {
  if (!path.startsWith(BASE)) return undefined;
  const inner = decodeURIComponent(path.slice(BASE.length));
  const candidates = inner === '' || inner.endsWith('/') ? [`${inner}index.html`] : [inner, `${inner}.html`, `${inner}/index.html`];
  return candidates.find((candidate) => existsSync(join(DIST, candidate)));
}
