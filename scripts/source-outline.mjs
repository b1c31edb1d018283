// Writes test/content/source-outline.json: what the content tests need to know about the
// guide's source text and its errata, which live in the shared folder beside the project
// (a sibling folder named `shared`, or the folder named by GUIDE_SHARED_DIR). It keeps the
// outline (chapter numbers and titles, every ### and #### heading in order), the errata ids
// with their section and chapter, and, per chapter, the SHA-256 of each trimmed non-empty
// line of the source's code blocks, so the test suite runs in a clone without the shared
// folder while the source's text stays out of the repository.
//
//   node scripts/source-outline.mjs           write the file
//   node scripts/source-outline.mjs --check   exit 1 if the committed file differs from the source
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {{ level: 3 | 4, text: string }} OutlineHeading
 * @typedef {{ lang: string, lineHashes: string[] }} OutlineCodeBlock
 * @typedef {{ number: number, title: string, headings: OutlineHeading[], codeBlocks: OutlineCodeBlock[] }} OutlineChapter
 * @typedef {{ id: string, section: string, chapter: number }} OutlineErratum
 * @typedef {{ seed: string, chapters: OutlineChapter[], errata: OutlineErratum[] }} SourceOutline
 */

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SEED_FILE = '000_1b9b8ca0967339c8.txt';
export const OUTLINE_FILE = join(PROJECT_ROOT, 'test', 'content', 'source-outline.json');

/**
 * The shared folder: GUIDE_SHARED_DIR if set (relative paths are taken from the project
 * root), else the sibling folder `shared` beside the project.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function sharedDir(env = process.env) {
  const dir = env['GUIDE_SHARED_DIR'];
  return resolve(PROJECT_ROOT, dir !== undefined && dir !== '' ? dir : join('..', 'shared'));
}

/**
 * @param {string} [dir]
 * @returns {string}
 */
export function seedPath(dir = sharedDir()) {
  return join(dir, 'seed', SEED_FILE);
}

/**
 * @param {string} [dir]
 * @returns {string}
 */
export function errataPath(dir = sharedDir()) {
  return join(dir, 'errata.md');
}

/**
 * SHA-256 (hex) of a line with surrounding whitespace removed.
 * @param {string} line
 * @returns {string}
 */
export function hashLine(line) {
  return createHash('sha256').update(line.trim(), 'utf8').digest('hex');
}

/**
 * Chapters (`## N. title`), their `###`/`####` headings and code blocks. Lines inside code
 * fences are never headings.
 * @param {string} text
 * @returns {OutlineChapter[]}
 */
export function parseSource(text) {
  /** @type {OutlineChapter[]} */
  const chapters = [];
  /** @type {{ lang: string, lines: string[] } | null} */
  let block = null;
  for (const line of text.split(/\r?\n/)) {
    const current = chapters.at(-1);
    const fence = /^```(.*)$/.exec(line);
    if (fence) {
      if (block) {
        const lineHashes = block.lines.filter((l) => l.trim() !== '').map(hashLine);
        current?.codeBlocks.push({ lang: block.lang, lineHashes });
        block = null;
      } else {
        block = { lang: (fence[1] ?? '').trim(), lines: [] };
      }
      continue;
    }
    if (block) {
      block.lines.push(line);
      continue;
    }
    const chapter = /^## (\d+)\. (.+)$/.exec(line);
    if (chapter) {
      chapters.push({ number: Number(chapter[1]), title: (chapter[2] ?? '').trim(), headings: [], codeBlocks: [] });
      continue;
    }
    const heading = /^(###|####) (.+)$/.exec(line);
    if (heading && current) {
      current.headings.push({ level: heading[1] === '###' ? 3 : 4, text: (heading[2] ?? '').trim() });
    }
  }
  return chapters;
}

/**
 * The errata table rows `| E7 | 4.1.1 | … | … |`: id, the source's section, and the chapter
 * (the section's first number).
 * @param {string} text
 * @returns {OutlineErratum[]}
 */
export function parseErrata(text) {
  /** @type {OutlineErratum[]} */
  const errata = [];
  for (const line of text.split(/\r?\n/)) {
    const row = /^\|\s*(E\d+)\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (!row) continue;
    const section = row[2] ?? '';
    const chapter = /^(\d+)/.exec(section);
    if (!chapter) throw new Error(`errata.md: ${row[1]} has no section number: "${section}"`);
    errata.push({ id: row[1] ?? '', section, chapter: Number(chapter[1]) });
  }
  return errata;
}

/**
 * @param {string} [dir] the shared folder
 * @returns {SourceOutline}
 */
export function buildOutline(dir = sharedDir()) {
  return {
    seed: `seed/${SEED_FILE}`,
    chapters: parseSource(readFileSync(seedPath(dir), 'utf8')),
    errata: parseErrata(readFileSync(errataPath(dir), 'utf8')),
  };
}

/**
 * @param {SourceOutline} outline
 * @returns {string}
 */
export function serializeOutline(outline) {
  return `${JSON.stringify(outline, null, 2)}\n`;
}

function main() {
  const dir = sharedDir();
  if (!existsSync(seedPath(dir))) {
    console.error(`source-outline: no source at ${seedPath(dir)} (set GUIDE_SHARED_DIR to the shared folder)`);
    return 2;
  }
  const text = serializeOutline(buildOutline(dir));
  const relative = OUTLINE_FILE.slice(PROJECT_ROOT.length);
  if (process.argv.includes('--check')) {
    const committed = existsSync(OUTLINE_FILE) ? readFileSync(OUTLINE_FILE, 'utf8') : '';
    if (committed === text) {
      console.log(`ok   ${relative} matches ${seedPath(dir)}`);
      return 0;
    }
    console.error(`STALE ${relative}: run node scripts/source-outline.mjs`);
    return 1;
  }
  writeFileSync(OUTLINE_FILE, text);
  const outline = /** @type {SourceOutline} */ (JSON.parse(text));
  const lines = outline.chapters.reduce((n, c) => n + c.codeBlocks.reduce((m, b) => m + b.lineHashes.length, 0), 0);
  console.log(`wrote ${relative}: ${outline.chapters.length} chapters, ${outline.errata.length} errata, ${lines} code lines`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
