// @ts-check
/** Noto Sans SC glyphs: which unicode-range slice holds a character, and its outlines at a weight. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create as createFont } from 'fontkitten';
import { woff2ToSfnt } from './woff2.mjs';

const require = createRequire(import.meta.url);
const FONT_PKG = '@fontsource-variable/noto-sans-sc';

/** @typedef {import('fontkitten').Font} Font */
/** @typedef {import('fontkitten').Glyph} Glyph */

/** @type {{ dir: string, version: string, slices: string[], byCodePoint: Map<number, string> } | null} */
let fontIndex = null;

/** The font package's folder, its unicode-range slices and which slice holds each code point. */
export function getFontIndex() {
  if (fontIndex) return fontIndex;
  const dir = dirname(require.resolve(`${FONT_PKG}/unicode.json`));
  /** @type {Record<string, string>} */
  const ranges = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8'));
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  /** @type {Map<number, string>} */
  const byCodePoint = new Map();
  // Later slices win where ranges overlap, as with CSS @font-face rules in the same order.
  for (const [key, list] of Object.entries(ranges)) {
    const slice = key.replace(/^\[(.*)\]$/, '$1');
    for (const part of list.split(',')) {
      const [a = '', b] = part.trim().replace(/^U\+/i, '').split('-');
      const lo = parseInt(a, 16);
      const hi = b === undefined ? lo : parseInt(b, 16);
      for (let cp = lo; cp <= hi; cp++) byCodePoint.set(cp, slice);
    }
  }
  fontIndex = { dir, version, slices: Object.keys(ranges).map((k) => k.replace(/^\[(.*)\]$/, '$1')), byCodePoint };
  return fontIndex;
}

/** @type {Map<string, Font>} */
const baseFonts = new Map();
/** @type {Map<string, Font>} */
const instances = new Map();

/** @param {string} slice */
function loadSlice(slice) {
  let font = baseFonts.get(slice);
  if (!font) {
    const { dir } = getFontIndex();
    const file = join(dir, 'files', `noto-sans-sc-${slice}-wght-normal.woff2`);
    font = /** @type {Font} */ (createFont(woff2ToSfnt(readFileSync(file))));
    baseFonts.set(slice, font);
  }
  return font;
}

/** @param {string} slice @param {number} weight */
function fontFor(slice, weight) {
  const key = `${slice}@${weight}`;
  let font = instances.get(key);
  if (!font) {
    font = loadSlice(slice).getVariation({ wght: weight });
    instances.set(key, font);
  }
  return font;
}

/** @type {Map<number, string | null>} */
const fallbackSlice = new Map();

/**
 * The slice whose font has a glyph for this code point, or null.
 * @param {number} cp
 */
function sliceFor(cp) {
  const { byCodePoint, slices } = getFontIndex();
  const direct = byCodePoint.get(cp);
  if (direct !== undefined && loadSlice(direct).hasGlyphForCodePoint(cp)) return direct;
  if (fallbackSlice.has(cp)) return fallbackSlice.get(cp) ?? null;
  // Not in the declared ranges: some slices carry a few extra glyphs; look through them all (rare).
  let found = null;
  for (const slice of slices) {
    if (loadSlice(slice).hasGlyphForCodePoint(cp)) {
      found = slice;
      break;
    }
  }
  fallbackSlice.set(cp, found);
  return found;
}

/**
 * @typedef {object} Shaped
 * @property {string} text         the character(s) this unit stands for
 * @property {Glyph[]} glyphs
 * @property {number} advance      in font units (1000 per em)
 * @property {boolean} missing     drawn as a placeholder box
 */

/** @type {Map<string, Shaped>} */
const shapeCache = new Map();

/**
 * Glyphs for one character (one code point; NFKC fallback, then a placeholder box).
 * @param {string} ch @param {number} weight
 * @returns {Shaped}
 */
export function shapeChar(ch, weight) {
  const key = `${weight}:${ch}`;
  const cached = shapeCache.get(key);
  if (cached) return cached;
  /** @type {Shaped | null} */
  let shaped = null;
  const cp = ch.codePointAt(0) ?? 0;
  const slice = sliceFor(cp);
  if (slice !== null) {
    const glyph = fontFor(slice, weight).glyphForCodePoint(cp);
    shaped = { text: ch, glyphs: [glyph], advance: glyph.advanceWidth, missing: false };
  } else {
    const alt = ch.normalize('NFKC');
    const altChars = Array.from(alt);
    if (alt !== ch && altChars.length > 0 && altChars.every((c) => sliceFor(c.codePointAt(0) ?? 0) !== null)) {
      const parts = altChars.map((c) => shapeChar(c, weight));
      shaped = {
        text: ch,
        glyphs: parts.flatMap((p) => p.glyphs),
        advance: parts.reduce((s, p) => s + p.advance, 0),
        missing: false,
      };
    }
  }
  shaped ??= { text: ch, glyphs: [], advance: isCombining(cp) ? 0 : 800, missing: !isCombining(cp) };
  shapeCache.set(key, shaped);
  return shaped;
}

/** @param {number} cp */
function isCombining(cp) {
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200d || (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

/**
 * The characters of a text that no font slice can draw (they come out as placeholder boxes).
 * @param {string} text
 * @returns {string[]}
 */
export function missingChars(text) {
  return [...new Set(Array.from(text).filter((c) => c.trim() !== '' && shapeChar(c, 400).missing))];
}
