// @ts-check
/**
 * Noto Sans SC glyphs: which unicode-range slice holds a character, and its outlines at a weight.
 *
 * Each slice is a variable WOFF2 file. fontkit 2.0.4 cannot instance a variable font read from
 * WOFF2 (getVariation() fails on it, and glyphs from a transformed glyf table get no gvar
 * deltas), so wawoff2 first turns the slice into a plain TrueType font, which fontkit then
 * instances through its public getVariation(). wawoff2's decoder is asynchronous, hence so are
 * the lookups here; every slice is decoded at most once per process.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);
const FONT_PKG = '@fontsource-variable/noto-sans-sc';

/** @typedef {import('fontkit').Font} Font */
/** @typedef {import('fontkit').Glyph} Glyph */

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

/**
 * The versions of the packages that turn the font files into outlines.
 * @returns {{ fontkit: string, wawoff2: string }}
 */
export function fontToolVersions() {
  return { fontkit: packageVersion('fontkit'), wawoff2: packageVersion('wawoff2') };
}

/** @param {string} name */
function packageVersion(name) {
  // Walk up from the entry point: fontkit's exports map does not expose its package.json.
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === name) return String(pkg.version);
    } catch {
      // no package.json at this level
    }
  }
  throw new Error(`no package.json found for ${name}`);
}

/** @type {Map<string, Promise<Font>>} */
const sliceFonts = new Map();

/**
 * The slice's font at its default instance, decoded from WOFF2 on first use.
 * @param {string} slice
 */
function loadSlice(slice) {
  let font = sliceFonts.get(slice);
  if (!font) {
    font = decodeSlice(slice);
    // A failure is not remembered, so that a later call tries again.
    font.catch(() => sliceFonts.delete(slice));
    sliceFonts.set(slice, font);
  }
  return font;
}

/** Decodes one WOFF2 file at a time: see unpack(). */
let unpackQueue = Promise.resolve();

/**
 * wawoff2 hands back its output in the WebAssembly heap, which the next decode overwrites
 * (or grows, detaching it). Two slices decoded at once gave fontkit garbage ("Unknown font
 * format") on a cold start, so decodes run one after another and each result is copied out
 * before the next begins.
 * @param {Buffer} woff2 @returns {Promise<Buffer>}
 */
function unpack(woff2) {
  const run = unpackQueue.then(async () => {
    // Loaded on first use: it instantiates a WebAssembly module.
    const { decompress } = await import('wawoff2');
    return Buffer.from(await decompress(woff2));
  });
  unpackQueue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** @param {string} slice @returns {Promise<Font>} */
async function decodeSlice(slice) {
  const woff2 = await readFile(join(getFontIndex().dir, 'files', `noto-sans-sc-${slice}-wght-normal.woff2`));
  return fontkit.create(await unpack(woff2));
}

/** @type {Map<string, Font>} */
const instances = new Map();

/** @param {string} slice @param {number} weight */
async function fontFor(slice, weight) {
  const key = `${slice}@${weight}`;
  let font = instances.get(key);
  if (!font) {
    font = (await loadSlice(slice)).getVariation({ wght: weight });
    instances.set(key, font);
  }
  return font;
}

/** @type {Map<number, string | null>} */
const fallbackSlice = new Map();

/**
 * The slice whose font has a glyph for this code point, or null.
 * @param {number} cp
 * @returns {Promise<string | null>}
 */
async function sliceFor(cp) {
  const { byCodePoint, slices } = getFontIndex();
  const direct = byCodePoint.get(cp);
  if (direct !== undefined && (await loadSlice(direct)).hasGlyphForCodePoint(cp)) return direct;
  const known = fallbackSlice.get(cp);
  if (known !== undefined) return known;
  // Not in the declared ranges: some slices carry a few extra glyphs; look through them all
  // (rare, but it decodes every slice: a few seconds, once per process).
  let found = null;
  for (const slice of slices) {
    if ((await loadSlice(slice)).hasGlyphForCodePoint(cp)) {
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

/** @type {Map<string, Promise<Shaped>>} */
const shapeCache = new Map();

/**
 * Glyphs for one character (one code point; NFKC fallback, then a placeholder box).
 * @param {string} ch @param {number} weight
 * @returns {Promise<Shaped>}
 */
export function shapeChar(ch, weight) {
  const key = `${weight}:${ch}`;
  let shaped = shapeCache.get(key);
  if (!shaped) {
    shaped = shape(ch, weight);
    shaped.catch(() => shapeCache.delete(key));
    shapeCache.set(key, shaped);
  }
  return shaped;
}

/** @param {string} ch @param {number} weight @returns {Promise<Shaped>} */
async function shape(ch, weight) {
  const cp = ch.codePointAt(0) ?? 0;
  const slice = await sliceFor(cp);
  if (slice !== null) {
    const glyph = (await fontFor(slice, weight)).glyphForCodePoint(cp);
    return { text: ch, glyphs: [glyph], advance: glyph.advanceWidth, missing: false };
  }
  const alt = ch.normalize('NFKC');
  const altChars = Array.from(alt);
  if (alt !== ch && altChars.length > 0) {
    const found = await Promise.all(altChars.map((c) => sliceFor(c.codePointAt(0) ?? 0)));
    if (found.every((s) => s !== null)) {
      const parts = await Promise.all(altChars.map((c) => shapeChar(c, weight)));
      return {
        text: ch,
        glyphs: parts.flatMap((p) => p.glyphs),
        advance: parts.reduce((s, p) => s + p.advance, 0),
        missing: false,
      };
    }
  }
  return { text: ch, glyphs: [], advance: isCombining(cp) ? 0 : 800, missing: !isCombining(cp) };
}

/** @param {number} cp */
function isCombining(cp) {
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200d || (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

/**
 * Shapes every character of a text.
 * @param {string[]} chars @param {number} weight
 * @returns {Promise<Shaped[]>}
 */
export function shapeChars(chars, weight) {
  return Promise.all(chars.map((c) => shapeChar(c, weight)));
}

/**
 * The characters of a text that no font slice can draw (they come out as placeholder boxes).
 * @param {string} text
 * @returns {Promise<string[]>}
 */
export async function missingChars(text) {
  const chars = [...new Set(Array.from(text).filter((c) => c.trim() !== ''))];
  const shaped = await shapeChars(chars, 400);
  return chars.filter((_, i) => shaped[i]?.missing);
}
