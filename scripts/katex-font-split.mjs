// @ts-check
/**
 * KaTeX's fonts in two parts each, after the build: the glyphs the site's formulas use (plus
 * printable ASCII, for the numbers the live islands typeset) and the rest, as two @font-face
 * rules per face told apart by `unicode-range`. A browser fetches the second part only for a
 * character in it, which no page shows at first: chapter 4's five math fonts shrink from
 * ~100 KB to ~50 KB on first load, and every glyph KaTeX had is still there for formulas an
 * island typesets later. The parts are `<face>.used.<hash>.woff2` and `<face>.rest.<hash>.woff2`;
 * the hash is of their bytes, so a change in the site's formulas never meets a cached part
 * that lacks a glyph.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { fromHtml } from 'hast-util-from-html';
import subsetFont from 'subset-font';

/** Printable ASCII: digits, Latin letters and operators that islands put into formulas at run time. */
const ASCII = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => 0x20 + i);

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Every code point drawn inside KaTeX markup (`.katex-html`) in one page.
 * @param {string} html @param {Set<number>} into
 */
export function collectFormulaCodePoints(html, into) {
  /** @param {import('hast').Nodes} node @param {boolean} inside */
  const visit = (node, inside) => {
    if (node.type === 'text') {
      if (inside) for (const ch of node.value) into.add(/** @type {number} */ (ch.codePointAt(0)));
      return;
    }
    if (!('children' in node)) return;
    const classes = node.type === 'element' ? node.properties.className : undefined;
    const here = inside || (Array.isArray(classes) && classes.includes('katex-html'));
    for (const child of node.children) visit(child, here);
  };
  visit(fromHtml(html), false);
  return into;
}

/**
 * Code points as a CSS `unicode-range` value, consecutive ones as ranges.
 * @param {Iterable<number>} codePoints
 */
export function unicodeRange(codePoints) {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  /** @type {string[]} */
  const parts = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = /** @type {number} */ (sorted[i]);
    let end = start;
    while (sorted[i + 1] === end + 1) end = /** @type {number} */ (sorted[++i]);
    const hex = (/** @type {number} */ n) => n.toString(16).toUpperCase();
    parts.push(end === start ? `U+${hex(start)}` : `U+${hex(start)}-${hex(end)}`);
  }
  return parts.join(',');
}

/** @param {Buffer} bytes */
const shortHash = (bytes) => createHash('sha256').update(bytes).digest('base64url').slice(0, 8);

/**
 * The code points a font maps to glyphs (fontkit reads WOFF2 itself). U+FFFF is left out:
 * fontkit lists it for the end marker of a format-4 cmap, which harfbuzz writes.
 * @param {Buffer} bytes @returns {number[]}
 */
export function fontCodePoints(bytes) {
  const font = /** @type {{ characterSet: number[] }} */ (/** @type {unknown} */ (fontkit.create(bytes)));
  return font.characterSet.filter((cp) => cp !== 0xffff);
}

/**
 * Splits one font: the part with `wanted` (where the font has them) and the part without.
 * Null when the font has nothing outside `wanted` (or nothing in it).
 * @param {Buffer} woff2 @param {Set<number>} wanted
 */
export async function splitFont(woff2, wanted) {
  const all = fontCodePoints(woff2);
  const core = all.filter((cp) => wanted.has(cp));
  const rest = all.filter((cp) => !wanted.has(cp));
  if (core.length === 0 || rest.length === 0) return null;
  const text = (/** @type {number[]} */ cps) => String.fromCodePoint(...cps);
  const [coreBytes, restBytes] = await Promise.all([
    subsetFont(woff2, text(core), { targetFormat: 'woff2' }),
    subsetFont(woff2, text(rest), { targetFormat: 'woff2' }),
  ]);
  return { core: { bytes: coreBytes, range: unicodeRange(core) }, rest: { bytes: restBytes, range: unicodeRange(rest) } };
}

const FONT_FACE = /@font-face\{([^}]*)\}/g;
const KATEX_SOURCE = /url\(([^)]*\/(KaTeX_[\w-]+)\.[\w-]+\.woff2)\)/;

/**
 * Rewrites every stylesheet's KaTeX @font-face rules into core and rest parts, writes the
 * parts beside the fonts and removes the whole fonts no stylesheet names any more.
 * @param {string} root dist/
 */
export async function splitKatexFonts(root) {
  const wanted = new Set(ASCII);
  /** @type {string[]} */
  const stylesheets = [];
  for await (const file of walk(root)) {
    if (file.endsWith('.html')) collectFormulaCodePoints(await readFile(file, 'utf8'), wanted);
    else if (file.endsWith('.css')) stylesheets.push(file);
  }
  /** @type {Map<string, Awaited<ReturnType<typeof split>>>} */
  const parts = new Map();
  const fontDir = join(root, '_astro');
  const split = async (/** @type {string} */ url, /** @type {string} */ face) => {
    const result = await splitFont(await readFile(join(fontDir, basename(url))), wanted);
    if (!result) return null;
    const name = (/** @type {string} */ part, /** @type {Buffer} */ bytes) => `${face}.${part}.${shortHash(bytes)}.woff2`;
    const core = { ...result.core, file: name('used', result.core.bytes) };
    const rest = { ...result.rest, file: name('rest', result.rest.bytes) };
    await Promise.all([writeFile(join(fontDir, core.file), core.bytes), writeFile(join(fontDir, rest.file), rest.bytes)]);
    return { core, rest, before: result.core.bytes.length + result.rest.bytes.length };
  };
  const totals = { faces: 0, whole: 0, core: 0 };
  /** @type {Set<string>} */
  const replaced = new Set();
  for (const sheet of stylesheets) {
    const css = await readFile(sheet, 'utf8');
    const matches = [...css.matchAll(FONT_FACE)].filter((m) => KATEX_SOURCE.test(m[1] ?? ''));
    if (matches.length === 0) continue;
    let out = css;
    for (const m of matches) {
      const [rule, body = ''] = m;
      const [, url = '', face = ''] = /** @type {RegExpExecArray} */ (KATEX_SOURCE.exec(body));
      if (!parts.has(url)) {
        const done = await split(url, face);
        parts.set(url, done);
        if (done) {
          totals.faces += 1;
          totals.whole += (await readFile(join(fontDir, basename(url)))).length;
          totals.core += done.core.bytes.length;
        }
      }
      const done = parts.get(url);
      if (!done) continue;
      const dir = url.slice(0, url.length - basename(url).length);
      const face2 = (/** @type {{ file: string, range: string }} */ part) =>
        `@font-face{${body.replace(url, dir + part.file)};unicode-range:${part.range}}`;
      out = out.replace(rule, face2(done.core) + face2(done.rest));
      replaced.add(url);
    }
    await writeFile(sheet, out);
  }
  // A whole font stays only if some stylesheet still names it.
  const sheetsNow = await Promise.all(stylesheets.map((s) => readFile(s, 'utf8')));
  for (const url of replaced) {
    if (!sheetsNow.some((css) => css.includes(`${basename(url)})`))) await unlink(join(fontDir, basename(url)));
  }
  return { ...totals, codePoints: wanted.size };
}

/**
 * The integration: after Starlight and before offline() and precompressed(), so that the
 * service worker precaches the parts and the stylesheets are compressed as rewritten.
 * @returns {import('astro').AstroIntegration}
 */
export function katexFontSplit() {
  return {
    name: 'katex-font-split',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { faces, whole, core, codePoints } = await splitKatexFonts(fileURLToPath(dir));
        const kb = (/** @type {number} */ n) => `${Math.round(n / 1024)} KB`;
        logger.info(`${faces} KaTeX fonts split at ${codePoints} code points: ${kb(whole)} whole, ${kb(core)} in the parts pages load first (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
