// @ts-check
/** Generation with a cache (`<outDir>/manifest.json`), and the Astro integration. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITE_TITLE } from './card.mjs';
import { fontToolVersions, getFontIndex, missingChars } from './font.mjs';
import { collectPages } from './pages.mjs';
import { renderOgImage } from './png.mjs';

/** @typedef {import('./card.mjs').OgInput} OgInput */

const MANIFEST = 'manifest.json';

/**
 * Everything besides a page's own fields that changes the pixels: the renderer (every module in
 * this folder, so that editing any of them redraws all images), the font, fontkit and wawoff2.
 */
function rendererKey() {
  const dir = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.mjs')).sort()) {
    hash.update(`${name}\0`).update(readFileSync(join(dir, name)));
  }
  const tools = fontToolVersions();
  return hash.update(getFontIndex().version).update(`\0${tools.fontkit}\0${tools.wawoff2}`).digest('hex');
}

/**
 * @typedef {object} GenerateResult
 * @property {string[]} written   slugs drawn this time
 * @property {string[]} skipped   slugs whose image was up to date
 * @property {string[]} removed   slugs whose page is gone
 * @property {Record<string, string[]>} missing  per drawn slug, characters drawn as placeholder boxes
 * @property {number} ms
 */

/**
 * Writes `<outDir>/<slug>.png` for every page under contentDir, redrawing only pages whose
 * inputs changed since the last run (recorded in `<outDir>/manifest.json`).
 * @param {{ contentDir: string, outDir: string, siteTitle?: string }} o
 * @returns {Promise<GenerateResult>}
 */
export async function generateOgImages({ contentDir, outDir, siteTitle = SITE_TITLE }) {
  const started = performance.now();
  const pages = await collectPages(contentDir);
  const manifestPath = join(outDir, MANIFEST);
  /** @type {{ renderer?: string, pages?: Record<string, string> }} */
  let manifest = {};
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch {
    manifest = {};
  }
  const renderer = rendererKey();
  const previous = manifest.renderer === renderer ? (manifest.pages ?? {}) : {};
  /** @type {Record<string, string>} */
  const next = {};
  /** @type {GenerateResult} */
  const result = { written: [], skipped: [], removed: [], missing: {}, ms: 0 };
  for (const page of pages) {
    /** @type {OgInput} */
    const input = { title: page.slug === 'index' ? siteTitle : page.title, siteTitle };
    if (page.chapter !== undefined) input.chapter = page.chapter;
    const hash = createHash('sha256').update(renderer).update(JSON.stringify(input)).digest('hex').slice(0, 32);
    const file = join(outDir, ...page.slug.split('/')) + '.png';
    next[page.slug] = hash;
    if (previous[page.slug] === hash && existsSync(file)) {
      result.skipped.push(page.slug);
      continue;
    }
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, await renderOgImage(input));
    result.written.push(page.slug);
    const missing = await missingChars(input.title);
    if (missing.length) result.missing[page.slug] = missing;
  }
  for (const slug of Object.keys(manifest.pages ?? {})) {
    if (slug in next) continue;
    await rm(join(outDir, ...slug.split('/')) + '.png', { force: true });
    result.removed.push(slug);
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(manifestPath, JSON.stringify({ renderer, pages: next }, null, 2) + '\n');
  result.ms = performance.now() - started;
  return result;
}

/**
 * Astro integration: Open Graph images in `public/og/` for `astro dev` and `astro build`.
 * @param {{ siteTitle?: string }} [options]
 * @returns {import('astro').AstroIntegration}
 */
export function ogImages(options = {}) {
  /** @type {{ contentDir: string, outDir: string, siteTitle: string } | null} */
  let dirs = null;
  /** Runs one generation at a time (the dev watcher may fire while another is going). */
  let queue = Promise.resolve();
  /** @param {{ contentDir: string, outDir: string, siteTitle: string }} d */
  const generate = (d) => {
    const run = queue.then(() => generateOgImages(d));
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
  return {
    name: 'og-images',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        dirs = {
          contentDir: join(fileURLToPath(config.srcDir), 'content', 'docs'),
          outDir: join(fileURLToPath(config.publicDir), 'og'),
          siteTitle: options.siteTitle ?? SITE_TITLE,
        };
        const r = await generate(dirs);
        logger.info(
          `${r.written.length} drawn, ${r.skipped.length} up to date${r.removed.length ? `, ${r.removed.length} removed` : ''} (${Math.round(r.ms)} ms)`,
        );
        for (const [slug, chars] of Object.entries(r.missing)) {
          logger.warn(`${slug}: no glyph for ${chars.join(' ')} (drawn as boxes)`);
        }
      },
      'astro:server:setup': ({ server, logger }) => {
        // In dev, redraw a page's image when its frontmatter changes.
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        let timer;
        server.watcher.on('all', (_event, path) => {
          if (!dirs || !/\.mdx?$/.test(path) || relative(dirs.contentDir, path).startsWith('..')) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (!dirs) return;
            generate(dirs).then(
              (r) => r.written.length && logger.info(`redrawn: ${r.written.join(', ')}`),
              (e) => logger.warn(`could not draw Open Graph images: ${e instanceof Error ? e.message : String(e)}`),
            );
          }, 300);
        });
      },
    },
  };
}
