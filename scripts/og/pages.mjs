// @ts-check
/** The docs pages that get an image: slug, title and chapter from each page's frontmatter. */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import yaml from 'js-yaml';

/**
 * @typedef {object} OgPage
 * @property {string} slug     path below content/docs without extension, '/'-separated
 * @property {string} file     absolute path of the source file
 * @property {string} title
 * @property {string} [description]
 * @property {number} [chapter]
 */

/**
 * Reads the frontmatter of an MDX/Markdown file.
 * @param {string} source
 * @returns {Record<string, unknown>}
 */
export function parseFrontmatter(source) {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source);
  if (!match) return {};
  const data = yaml.load(match[1] ?? '');
  return data && typeof data === 'object' && !Array.isArray(data) ? /** @type {Record<string, unknown>} */ (data) : {};
}

/**
 * Every docs page with its slug, title and chapter, sorted by slug.
 * @param {string} contentDir the `content/docs` folder
 * @returns {Promise<OgPage[]>}
 */
export async function collectPages(contentDir) {
  /** @type {OgPage[]} */
  const pages = [];
  if (!existsSync(contentDir)) return pages;
  const entries = await readdir(contentDir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !/\.mdx?$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const slug = relative(contentDir, file).replace(/\.mdx?$/, '').split(sep).join('/');
    const data = parseFrontmatter(await readFile(file, 'utf8'));
    const title = typeof data.title === 'string' ? data.title.trim() : '';
    /** @type {OgPage} */
    const page = { slug, file, title: title || slug };
    if (typeof data.description === 'string') page.description = data.description;
    if (typeof data.chapter === 'number' && Number.isFinite(data.chapter)) page.chapter = data.chapter;
    pages.push(page);
  }
  return pages.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
