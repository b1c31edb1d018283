// @ts-check
/**
 * Open Graph images: one 1200×630 PNG per docs page, made at build time.
 *
 * - Input: the YAML frontmatter of every `content/docs/**\/*.mdx` (title, optional chapter).
 * - Output: `public/og/<slug>.png` (Astro copies public/ into dist) plus `public/og/manifest.json`,
 *   which records a hash of each image's inputs so that unchanged images are not redrawn.
 * - Text is drawn as vector outlines taken from Noto Sans SC (the variable font shipped in
 *   `@fontsource-variable/noto-sans-sc`, one WOFF2 file per unicode-range slice), so no system
 *   font and no network is needed. WOFF2 is unpacked here (node:zlib's brotli + the glyf/loca
 *   reconstruction of the WOFF2 spec) into a plain TrueType font, which `fontkitten` parses and
 *   instances at the wanted weight; `@resvg/resvg-js` rasterizes the resulting SVG.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, constants as zlibConstants, crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import yaml from 'js-yaml';
import { create as createFont } from 'fontkitten';

export const WIDTH = 1200;
export const HEIGHT = 630;
export const SITE_TITLE = 'AI 大模型创业：如何利用竞争优势？';
export const SUBTITLE = '可交互的深度学习指南 · 公式、演示与浏览器内训练';

const require = createRequire(import.meta.url);
const FONT_PKG = '@fontsource-variable/noto-sans-sc';

/* ------------------------------------------------------------------------------------------ */
/* Pages                                                                                      */
/* ------------------------------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------------------------------ */
/* WOFF2 → TrueType (https://www.w3.org/TR/WOFF2/)                                             */
/* ------------------------------------------------------------------------------------------ */

const KNOWN_TAGS = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar', 'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill'];

class Reader {
  /** @param {Buffer} buf */
  constructor(buf) {
    this.buf = buf;
    this.pos = 0;
  }
  u8() {
    return this.buf.readUInt8(this.pos++);
  }
  u16() {
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  i16() {
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32() {
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  /** @param {number} n */
  bytes(n) {
    if (this.pos + n > this.buf.length) throw new Error('WOFF2: read past the end of a stream');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  /** @param {number} n */
  sub(n) {
    return new Reader(this.bytes(n));
  }
  base128() {
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (i === 0 && b === 0x80) throw new Error('WOFF2: UIntBase128 with a leading zero');
      if (v & 0xfe000000) throw new Error('WOFF2: UIntBase128 overflow');
      v = ((v << 7) | (b & 0x7f)) >>> 0;
      if (!(b & 0x80)) return v;
    }
    throw new Error('WOFF2: UIntBase128 longer than 5 bytes');
  }
  u255() {
    const c = this.u8();
    if (c === 253) return this.u16();
    if (c === 255) return this.u8() + 253;
    if (c === 254) return this.u8() + 506;
    return c;
  }
}

/**
 * Unpacks a WOFF2 font into an sfnt (TrueType/OpenType) buffer.
 * @param {Buffer} input
 * @returns {Buffer}
 */
export function woff2ToSfnt(input) {
  const r = new Reader(input);
  if (r.u32() !== 0x774f4632) throw new Error('not a WOFF2 file');
  const flavor = r.u32();
  if (flavor === 0x74746366) throw new Error('WOFF2 font collections are not supported');
  r.pos = 12;
  const numTables = r.u16();
  r.pos = 20;
  const totalCompressedSize = r.u32();
  r.pos = 48;
  /** @type {{ tag: string, length: number, transformed: boolean, data: Buffer, out?: Buffer }[]} */
  const tables = [];
  for (let i = 0; i < numTables; i++) {
    const flags = r.u8();
    const tag = (flags & 0x3f) === 63 ? r.bytes(4).toString('latin1') : KNOWN_TAGS[flags & 0x3f];
    if (!tag) throw new Error('WOFF2: bad table tag');
    const version = flags >> 6;
    const origLength = r.base128();
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    const length = transformed ? r.base128() : origLength;
    tables.push({ tag, length, transformed, data: Buffer.alloc(0) });
  }
  const data = brotliDecompressSync(input.subarray(r.pos, r.pos + totalCompressedSize));
  let offset = 0;
  for (const t of tables) {
    t.data = data.subarray(offset, offset + t.length);
    offset += t.length;
  }
  /** @param {string} tag */
  const find = (tag) => tables.find((t) => t.tag === tag);
  const glyf = find('glyf');
  const loca = find('loca');
  const head = find('head');
  /** @type {Int16Array | null} */
  let xMins = null;
  if (glyf?.transformed) {
    if (!loca || !head) throw new Error('WOFF2: transformed glyf without loca/head');
    const rebuilt = reconstructGlyf(glyf.data);
    glyf.out = rebuilt.glyf;
    loca.out = rebuilt.loca;
    xMins = rebuilt.xMins;
    head.out = Buffer.from(head.data);
    head.out.writeInt16BE(1, 50); // indexToLocFormat: long offsets, as written below
  }
  const hmtx = find('hmtx');
  const hhea = find('hhea');
  if (hmtx?.transformed) {
    if (!xMins || !hhea) throw new Error('WOFF2: transformed hmtx needs a transformed glyf');
    hmtx.out = reconstructHmtx(hmtx.data, hhea.data.readUInt16BE(34), xMins);
  }
  const out = tables
    .map((t) => ({ tag: t.tag, data: t.out ?? t.data }))
    .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = out.length;
  let entrySelector = 0;
  while (2 << entrySelector <= n) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  let size = 12 + 16 * n;
  for (const t of out) size += (t.data.length + 3) & ~3;
  const sfnt = Buffer.alloc(size);
  sfnt.writeUInt32BE(flavor, 0);
  sfnt.writeUInt16BE(n, 4);
  sfnt.writeUInt16BE(searchRange, 6);
  sfnt.writeUInt16BE(entrySelector, 8);
  sfnt.writeUInt16BE(n * 16 - searchRange, 10);
  let pos = 12 + 16 * n;
  out.forEach((t, i) => {
    const rec = 12 + 16 * i;
    sfnt.write(t.tag, rec, 4, 'latin1');
    t.data.copy(sfnt, pos);
    let sum = 0;
    for (let p = pos; p < pos + ((t.data.length + 3) & ~3); p += 4) sum = (sum + sfnt.readUInt32BE(p)) >>> 0;
    sfnt.writeUInt32BE(sum, rec + 4);
    sfnt.writeUInt32BE(pos, rec + 8);
    sfnt.writeUInt32BE(t.data.length, rec + 12);
    pos += (t.data.length + 3) & ~3;
  });
  return sfnt;
}

/** @param {number} flag @param {number} value */
const withSign = (flag, value) => (flag & 1 ? value : -value);

/**
 * Rebuilds glyf and loca from WOFF2's transformed glyf table (spec §5.1–5.3).
 * @param {Buffer} buf
 */
function reconstructGlyf(buf) {
  const h = new Reader(buf);
  h.u16(); // reserved
  const optionFlags = h.u16();
  const numGlyphs = h.u16();
  h.u16(); // indexFormat: we always write long loca
  /** @type {number[]} */
  const sizes = [];
  for (let i = 0; i < 7; i++) sizes.push(h.u32());
  const [nContourS, nPointsS, flagS, glyphS, compositeS, bboxS, instrS] = sizes.map((s) => h.sub(s));
  if (!nContourS || !nPointsS || !flagS || !glyphS || !compositeS || !bboxS || !instrS) throw new Error('WOFF2: glyf streams');
  const overlap = optionFlags & 1 ? h.bytes((numGlyphs + 7) >> 3) : null;
  const bboxBitmap = bboxS.bytes(((numGlyphs + 31) >> 5) << 2);
  /** @param {Buffer} bits @param {number} g */
  const bit = (bits, g) => ((bits[g >> 3] ?? 0) & (0x80 >> (g & 7))) !== 0;
  /** @type {Buffer[]} */
  const parts = [];
  const loca = Buffer.alloc((numGlyphs + 1) * 4);
  const xMins = new Int16Array(numGlyphs);
  let total = 0;
  for (let g = 0; g < numGlyphs; g++) {
    const nContours = nContourS.i16();
    const hasBbox = bit(bboxBitmap, g);
    let glyph = Buffer.alloc(0);
    if (nContours === -1) {
      if (!hasBbox) throw new Error('WOFF2: composite glyph without a bbox');
      const bbox = bboxS.bytes(8);
      const start = compositeS.pos;
      let flags = 0;
      let haveInstructions = false;
      do {
        flags = compositeS.u16();
        compositeS.u16(); // glyph index
        let argBytes = flags & 0x0001 ? 4 : 2;
        if (flags & 0x0008) argBytes += 2;
        else if (flags & 0x0040) argBytes += 4;
        else if (flags & 0x0080) argBytes += 8;
        compositeS.bytes(argBytes);
        if (flags & 0x0100) haveInstructions = true;
      } while (flags & 0x0020);
      const components = compositeS.buf.subarray(start, compositeS.pos);
      const instructions = haveInstructions ? instrS.bytes(glyphS.u255()) : null;
      glyph = Buffer.alloc(10 + components.length + (instructions ? 2 + instructions.length : 0));
      glyph.writeInt16BE(-1, 0);
      bbox.copy(glyph, 2);
      components.copy(glyph, 10);
      if (instructions) {
        glyph.writeUInt16BE(instructions.length, 10 + components.length);
        instructions.copy(glyph, 12 + components.length);
      }
      xMins[g] = bbox.readInt16BE(0);
    } else if (nContours > 0) {
      /** @type {number[]} */
      const endPts = [];
      let nPoints = 0;
      for (let c = 0; c < nContours; c++) {
        nPoints += nPointsS.u255();
        endPts.push(nPoints - 1);
      }
      const xs = new Int32Array(nPoints);
      const ys = new Int32Array(nPoints);
      const onCurve = new Uint8Array(nPoints);
      let x = 0;
      let y = 0;
      for (let i = 0; i < nPoints; i++) {
        let flag = flagS.u8();
        onCurve[i] = flag & 0x80 ? 0 : 1;
        flag &= 0x7f;
        let dx = 0;
        let dy = 0;
        if (flag < 10) {
          dy = withSign(flag, ((flag & 14) << 7) + glyphS.u8());
        } else if (flag < 20) {
          dx = withSign(flag, (((flag - 10) & 14) << 7) + glyphS.u8());
        } else if (flag < 84) {
          const b0 = flag - 20;
          const b1 = glyphS.u8();
          dx = withSign(flag, 1 + (b0 & 0x30) + (b1 >> 4));
          dy = withSign(flag >> 1, 1 + ((b0 & 0x0c) << 2) + (b1 & 0x0f));
        } else if (flag < 120) {
          const b0 = flag - 84;
          const a = glyphS.u8();
          const b = glyphS.u8();
          dx = withSign(flag, 1 + (Math.floor(b0 / 12) << 8) + a);
          dy = withSign(flag >> 1, 1 + (((b0 % 12) >> 2) << 8) + b);
        } else if (flag < 124) {
          const a = glyphS.u8();
          const b = glyphS.u8();
          const c = glyphS.u8();
          dx = withSign(flag, (a << 4) + (b >> 4));
          dy = withSign(flag >> 1, ((b & 0x0f) << 8) + c);
        } else {
          const a = glyphS.u16();
          const b = glyphS.u16();
          dx = withSign(flag, a);
          dy = withSign(flag >> 1, b);
        }
        x += dx;
        y += dy;
        xs[i] = x;
        ys[i] = y;
      }
      const instructions = instrS.bytes(glyphS.u255());
      let xMin = 0, yMin = 0, xMax = 0, yMax = 0;
      if (hasBbox) {
        const b = bboxS.bytes(8);
        xMin = b.readInt16BE(0);
        yMin = b.readInt16BE(2);
        xMax = b.readInt16BE(4);
        yMax = b.readInt16BE(6);
      } else if (nPoints > 0) {
        xMin = xMax = xs[0] ?? 0;
        yMin = yMax = ys[0] ?? 0;
        for (let i = 1; i < nPoints; i++) {
          const px = xs[i] ?? 0;
          const py = ys[i] ?? 0;
          if (px < xMin) xMin = px;
          if (px > xMax) xMax = px;
          if (py < yMin) yMin = py;
          if (py > yMax) yMax = py;
        }
      }
      xMins[g] = xMin;
      // Plain encoding: one flag byte per point, 16-bit deltas (bigger than the original, simpler).
      glyph = Buffer.alloc(12 + 2 * nContours + instructions.length + 5 * nPoints);
      glyph.writeInt16BE(nContours, 0);
      glyph.writeInt16BE(xMin, 2);
      glyph.writeInt16BE(yMin, 4);
      glyph.writeInt16BE(xMax, 6);
      glyph.writeInt16BE(yMax, 8);
      let q = 10;
      for (const e of endPts) q = glyph.writeUInt16BE(e, q);
      q = glyph.writeUInt16BE(instructions.length, q);
      q += instructions.copy(glyph, q);
      const overlapFlag = overlap && bit(overlap, g) ? 0x40 : 0;
      for (let i = 0; i < nPoints; i++) glyph[q++] = (onCurve[i] ?? 0) | (i === 0 ? overlapFlag : 0);
      let prev = 0;
      for (let i = 0; i < nPoints; i++) {
        q = glyph.writeInt16BE((xs[i] ?? 0) - prev, q);
        prev = xs[i] ?? 0;
      }
      prev = 0;
      for (let i = 0; i < nPoints; i++) {
        q = glyph.writeInt16BE((ys[i] ?? 0) - prev, q);
        prev = ys[i] ?? 0;
      }
    } else if (nContours !== 0) {
      throw new Error('WOFF2: bad contour count');
    } else if (hasBbox) {
      throw new Error('WOFF2: empty glyph with a bbox');
    }
    loca.writeUInt32BE(total, g * 4);
    const padded = (glyph.length + 3) & ~3;
    parts.push(glyph);
    if (padded > glyph.length) parts.push(Buffer.alloc(padded - glyph.length));
    total += padded;
  }
  loca.writeUInt32BE(total, numGlyphs * 4);
  return { glyf: Buffer.concat(parts, total), loca, xMins };
}

/**
 * Rebuilds hmtx from WOFF2's transformed hmtx (spec §5.4).
 * @param {Buffer} buf @param {number} numHMetrics @param {Int16Array} xMins
 */
function reconstructHmtx(buf, numHMetrics, xMins) {
  const r = new Reader(buf);
  const flags = r.u8();
  const numGlyphs = xMins.length;
  const advances = [];
  for (let i = 0; i < numHMetrics; i++) advances.push(r.u16());
  const out = Buffer.alloc(numHMetrics * 4 + (numGlyphs - numHMetrics) * 2);
  for (let i = 0; i < numHMetrics; i++) {
    out.writeUInt16BE(advances[i] ?? 0, i * 4);
    out.writeInt16BE(flags & 1 ? (xMins[i] ?? 0) : r.i16(), i * 4 + 2);
  }
  for (let i = numHMetrics; i < numGlyphs; i++) {
    out.writeInt16BE(flags & 2 ? (xMins[i] ?? 0) : r.i16(), numHMetrics * 4 + (i - numHMetrics) * 2);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Fonts                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** @typedef {import('fontkitten').Font} Font */
/** @typedef {import('fontkitten').Glyph} Glyph */

/** @type {{ dir: string, version: string, slices: string[], byCodePoint: Map<number, string> } | null} */
let fontIndex = null;

/** The font package's folder, its unicode-range slices and which slice holds each code point. */
function getFontIndex() {
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
function shapeChar(ch, weight) {
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

/* ------------------------------------------------------------------------------------------ */
/* Text layout                                                                                */
/* ------------------------------------------------------------------------------------------ */

const NO_LINE_START = new Set([...'，。、：；！？）》」』】〕〉”’…—·,.;:!?)]}%']);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);
const LATIN = /[A-Za-z0-9\u00C0-\u024F'’._\-+#/]/;

/**
 * @typedef {object} Line
 * @property {Shaped[]} units
 * @property {number} width  in font units
 */

/**
 * Breaks text into at most `maxLines` lines of at most `maxWidth` font units, choosing the
 * break points that keep lines balanced and prefer spaces, punctuation and word ends (Chinese
 * words come from Intl.Segmenter) over breaks inside a word; never inside a Latin word or
 * before closing / after opening punctuation. Returns null when the text does not fit.
 * @param {string} text @param {number} weight @param {number} maxWidth @param {number} maxLines
 * @returns {Line[] | null}
 */
export function breakLines(text, weight, maxWidth, maxLines) {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return [];
  const units = chars.map((c) => shapeChar(c, weight));
  const n = units.length;
  const wordEnds = new Set();
  if (typeof Intl.Segmenter === 'function') {
    let i = 0;
    for (const seg of new Intl.Segmenter('zh', { granularity: 'word' }).segment(chars.join(''))) {
      i += Array.from(seg.segment).length;
      wordEnds.add(i);
    }
  }
  // penalty[i]: cost of a break before chars[i] (1 ≤ i < n); Infinity where forbidden.
  const penalty = new Array(n + 1).fill(0);
  for (let i = 1; i < n; i++) {
    const prev = chars[i - 1] ?? '';
    const next = chars[i] ?? '';
    if (NO_LINE_START.has(next) || NO_LINE_END.has(prev) || next === ' ') penalty[i] = Infinity;
    else if (LATIN.test(prev) && LATIN.test(next)) penalty[i] = Infinity;
    else if (prev === ' ' || NO_LINE_START.has(prev) || NO_LINE_END.has(next)) penalty[i] = 0;
    else if (wordEnds.has(i)) penalty[i] = 0.3;
    else penalty[i] = 0.6;
  }
  const prefix = [0];
  for (const u of units) prefix.push((prefix[prefix.length - 1] ?? 0) + u.advance);
  /** width of chars[a..b) without spaces at either end @param {number} a @param {number} b */
  const widthOf = (a, b) => {
    while (a < b && chars[a] === ' ') a++;
    while (b > a && chars[b - 1] === ' ') b--;
    return (prefix[b] ?? 0) - (prefix[a] ?? 0);
  };
  // Lines may only break inside long unbreakable runs if nothing else fits.
  /** @param {boolean} allowForced */
  const solve = (allowForced) => {
    // best[k * (n + 1) + i]: least cost of laying chars[0..i) in k lines; from[…]: where the last line starts.
    const at = (/** @type {number} */ k, /** @type {number} */ i) => k * (n + 1) + i;
    const best = new Float64Array((maxLines + 1) * (n + 1)).fill(Infinity);
    const from = new Int32Array((maxLines + 1) * (n + 1)).fill(-1);
    best[0] = 0;
    for (let k = 1; k <= maxLines; k++) {
      for (let i = 1; i <= n; i++) {
        const pen = i === n ? 0 : penalty[i] === Infinity ? (allowForced ? 1 : Infinity) : (penalty[i] ?? 0);
        if (pen === Infinity) continue;
        for (let j = 0; j < i; j++) {
          const prevCost = best[at(k - 1, j)] ?? Infinity;
          if (prevCost === Infinity) continue;
          const w = widthOf(j, i);
          if (w > maxWidth) continue;
          const slack = (maxWidth - w) / maxWidth;
          const cost = prevCost + slack * slack + pen;
          if (cost < (best[at(k, i)] ?? Infinity)) {
            best[at(k, i)] = cost;
            from[at(k, i)] = j;
          }
        }
      }
    }
    // Fewest lines first; among those the best cost.
    for (let k = 1; k <= maxLines; k++) {
      if (best[at(k, n)] === Infinity) continue;
      /** @type {Line[]} */
      const lines = [];
      let i = n;
      for (let kk = k; kk > 0; kk--) {
        const j = from[at(kk, i)] ?? 0;
        let a = j;
        let b = i;
        while (a < b && chars[a] === ' ') a++;
        while (b > a && chars[b - 1] === ' ') b--;
        lines.unshift({ units: units.slice(a, b), width: widthOf(j, i) });
        i = j;
      }
      return lines;
    }
    return null;
  };
  return solve(false) ?? solve(true);
}

/**
 * Fits text in a box: the largest size (from `sizes`, descending) at which it takes at most
 * `preferLines` lines, else the largest at which it takes at most `maxLines`; if nothing fits,
 * the smallest size with the last line cut and ended by "…".
 * @param {string} text @param {{ weight: number, maxWidth: number, sizes: number[], preferLines: number, maxLines: number }} o
 * @returns {{ size: number, lines: Line[] }}
 */
export function fitText(text, o) {
  for (const limit of [o.preferLines, o.maxLines]) {
    for (const size of o.sizes) {
      const lines = breakLines(text, o.weight, (o.maxWidth * 1000) / size, limit);
      if (lines) return { size, lines };
    }
  }
  const size = o.sizes[o.sizes.length - 1] ?? 40;
  const maxUnits = (o.maxWidth * 1000) / size;
  const chars = Array.from(text);
  for (let keep = chars.length - 1; keep > 0; keep--) {
    const lines = breakLines(chars.slice(0, keep).join('').trimEnd() + '…', o.weight, maxUnits, o.maxLines);
    if (lines) return { size, lines };
  }
  return { size, lines: [] };
}

const num = (/** @type {number} */ v) => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * SVG path data for a line of text with its left end of the baseline at (x, y).
 * @param {Shaped[]} units @param {number} x @param {number} y @param {number} size
 */
function linePath(units, x, y, size) {
  const s = size / 1000;
  let pen = 0;
  let d = '';
  for (const u of units) {
    if (u.missing) {
      // Placeholder box (tofu) for a character that no font slice has.
      const l = x + (pen + 90) * s, r = x + (pen + u.advance - 90) * s;
      const t = y - 760 * s, b = y + 60 * s, k = Math.max(1, 60 * s);
      d += `M${num(l)} ${num(t)}H${num(r)}V${num(b)}H${num(l)}Z`;
      d += `M${num(l + k)} ${num(t + k)}V${num(b - k)}H${num(r - k)}V${num(t + k)}Z`;
    }
    let gx = pen;
    for (const g of u.glyphs) {
      for (const c of g.path.commands) {
        const a = c.args.map((v, i) => (i % 2 === 0 ? num(x + (gx + v) * s) : num(y - v * s)));
        if (c.command === 'moveTo') d += `M${a[0]} ${a[1]}`;
        else if (c.command === 'lineTo') d += `L${a[0]} ${a[1]}`;
        else if (c.command === 'quadraticCurveTo') d += `Q${a[0]} ${a[1]} ${a[2]} ${a[3]}`;
        else if (c.command === 'bezierCurveTo') d += `C${a[0]} ${a[1]} ${a[2]} ${a[3]} ${a[4]} ${a[5]}`;
        else if (c.command === 'closePath') d += 'Z';
      }
      gx += g.advanceWidth;
    }
    pen += u.advance;
  }
  return d;
}

/** @param {string} text @param {number} weight */
function measure(text, weight) {
  return Array.from(text).reduce((w, c) => w + shapeChar(c, weight).advance, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* The card                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * @typedef {object} OgInput
 * @property {string} title
 * @property {number} [chapter]      chapter number, shown as a "第 N 章" badge
 * @property {string} [siteTitle]    small line at the top (default: the site's title)
 * @property {string} [subtitle]     one line at the bottom
 * @property {string} [badge]        badge text when there is no chapter (e.g. "导读")
 */

/**
 * The chapter number and the title to show: a leading "第 N 章" is dropped from the title
 * (the badge shows it) and gives the chapter number when none is set.
 * @param {OgInput} input
 */
export function cardText(input) {
  const siteTitle = input.siteTitle ?? SITE_TITLE;
  let title = input.title.trim();
  let chapter = input.chapter;
  const m = /^第\s*([0-9]+)\s*章[\s:：·.、-]*/.exec(title);
  if (m && m[0].length < title.length && (chapter === undefined || chapter === Number(m[1]))) {
    chapter = Number(m[1]);
    title = title.slice(m[0].length);
  }
  const landing = chapter === undefined && title === siteTitle;
  const badge = chapter !== undefined ? `第 ${chapter} 章` : (input.badge ?? (landing ? '导读' : ''));
  return { title, chapter, badge, siteTitle, landing, subtitle: input.subtitle ?? SUBTITLE };
}

/**
 * The card as SVG (text already turned into outlines).
 * @param {OgInput} input
 * @returns {string}
 */
export function renderOgSvg(input) {
  const { title, badge, siteTitle, subtitle, landing } = cardText(input);
  const left = 80;
  const maxWidth = WIDTH - 2 * left;
  /** @type {string[]} */
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    '<defs>',
    '<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#070b24"/><stop offset="0.55" stop-color="#151a4e"/><stop offset="1" stop-color="#33277f"/></linearGradient>',
    '<radialGradient id="glow" cx="0.82" cy="0.22" r="0.55"><stop offset="0" stop-color="#6d5dfc" stop-opacity="0.38"/><stop offset="1" stop-color="#6d5dfc" stop-opacity="0"/></radialGradient>',
    '<radialGradient id="glow2" cx="0.05" cy="1" r="0.6"><stop offset="0" stop-color="#0ea5e9" stop-opacity="0.16"/><stop offset="1" stop-color="#0ea5e9" stop-opacity="0"/></radialGradient>',
    '<linearGradient id="badge" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#4f46e5"/><stop offset="1" stop-color="#7c3aed"/></linearGradient>',
    '<linearGradient id="accent" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#22d3ee"/><stop offset="0.5" stop-color="#818cf8"/><stop offset="1" stop-color="#c084fc"/></linearGradient>',
    '<linearGradient id="edge" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#67e8f9" stop-opacity="0.10"/><stop offset="1" stop-color="#a5b4fc" stop-opacity="0.34"/></linearGradient>',
    '</defs>',
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#bg)"/>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#glow)"/>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#glow2)"/>`,
  );
  out.push(networkMotif());

  // Top: a small mark and the site's name (not on the landing card, whose title it is).
  const top = 76;
  if (!landing) out.push(
    `<rect x="${left}" y="${top - 24}" width="6" height="30" rx="3" fill="url(#accent)"/>`,
    `<path fill="#c7d2fe" fill-opacity="0.92" d="${linePath(fitText(siteTitle, { weight: 500, maxWidth: 660, sizes: [26, 24, 22], preferLines: 1, maxLines: 1 }).lines[0]?.units ?? [], left + 20, top, 26)}"/>`,
  );

  // Badge.
  const badgeTop = 140;
  const badgeH = 54;
  if (badge) {
    const size = 28;
    const w = (measure(badge, 700) * size) / 1000 + 2 * 24;
    out.push(
      `<rect x="${left}" y="${badgeTop}" width="${num(w)}" height="${badgeH}" rx="${badgeH / 2}" fill="url(#badge)"/>`,
      `<rect x="${left + 0.75}" y="${badgeTop + 0.75}" width="${num(w - 1.5)}" height="${badgeH - 1.5}" rx="${badgeH / 2 - 0.75}" fill="none" stroke="#c4b5fd" stroke-opacity="0.45" stroke-width="1.5"/>`,
      `<path fill="#ffffff" d="${linePath(Array.from(badge).map((c) => shapeChar(c, 700)), left + 24, badgeTop + badgeH / 2 + size * 0.36, size)}"/>`,
    );
  }

  // Title, in the band between the badge and the subtitle, vertically centred.
  const fit = fitText(title, { weight: 700, maxWidth, sizes: [76, 72, 68, 64, 60, 56, 52, 48, 44], preferLines: 2, maxLines: 3 });
  const lineHeight = fit.size * 1.28;
  const bandTop = badgeTop + badgeH + 28;
  const bandBottom = 520;
  const blockH = fit.lines.length * lineHeight;
  const firstBaseline = bandTop + Math.max(0, (bandBottom - bandTop - blockH) / 2) + lineHeight * 0.5 + fit.size * 0.36;
  const titleD = fit.lines.map((line, i) => linePath(line.units, left, firstBaseline + i * lineHeight, fit.size)).join('');
  out.push(`<path fill="#ffffff" d="${titleD}"/>`);

  // Subtitle and the accent rule.
  const sub = fitText(subtitle, { weight: 400, maxWidth, sizes: [28, 26, 24, 22], preferLines: 1, maxLines: 1 });
  out.push(
    `<rect x="${left}" y="540" width="56" height="4" rx="2" fill="url(#accent)"/>`,
    `<path fill="#a5b4fc" d="${linePath(sub.lines[0]?.units ?? [], left, 588, sub.size)}"/>`,
    `<rect y="${HEIGHT - 8}" width="${WIDTH}" height="8" fill="url(#accent)" fill-opacity="0.85"/>`,
    '</svg>',
  );
  return out.join('\n');
}

/** A small fully connected network, top right: 3 → 4 → 4 → 2 nodes. */
function networkMotif() {
  const layers = [3, 4, 4, 2];
  // Kept above the title band (y ≥ 222) so that no title can run into it.
  const x0 = 812, dx = 104, cy = 128, gap = 50;
  const nodes = layers.map((count, l) =>
    Array.from({ length: count }, (_, i) => ({ x: x0 + l * dx, y: cy + (i - (count - 1) / 2) * gap })),
  );
  /** @type {string[]} */
  const edges = [];
  for (let l = 0; l + 1 < nodes.length; l++) {
    for (const a of nodes[l] ?? []) for (const b of nodes[l + 1] ?? []) edges.push(`M${num(a.x)} ${num(a.y)}L${num(b.x)} ${num(b.y)}`);
  }
  // A highlighted path through the net, as if one signal were travelling.
  const hot = [nodes[0]?.[1], nodes[1]?.[2], nodes[2]?.[1], nodes[3]?.[0]].filter((p) => p !== undefined);
  const hotD = hot.map((p, i) => `${i ? 'L' : 'M'}${num(p.x)} ${num(p.y)}`).join('');
  const circles = nodes
    .flat()
    .map((p) => `<circle cx="${num(p.x)}" cy="${num(p.y)}" r="10" fill="#1e1b4b" stroke="#a5b4fc" stroke-opacity="0.5" stroke-width="2"/>`)
    .join('');
  const hotCircles = hot.map((p) => `<circle cx="${num(p.x)}" cy="${num(p.y)}" r="5.5" fill="#67e8f9" fill-opacity="0.9"/>`).join('');
  return [
    '<g>',
    `<path d="${edges.join('')}" fill="none" stroke="url(#edge)" stroke-width="1.5"/>`,
    `<path d="${hotD}" fill="none" stroke="#67e8f9" stroke-opacity="0.7" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>`,
    circles,
    hotCircles,
    '</g>',
  ].join('');
}

/**
 * Renders one Open Graph image (1200×630 PNG). Deterministic: same input, same bytes.
 * @param {OgInput} input
 * @returns {Promise<Buffer>}
 */
export async function renderOgImage(input) {
  const { Resvg } = await import('@resvg/resvg-js');
  const svg = renderOgSvg(input);
  const image = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  return encodeOpaquePng(image.pixels, image.width, image.height);
}

/**
 * PNG without the alpha channel (the card is opaque): about 40% smaller than resvg's RGBA PNG,
 * which keeps the images under the ~300 KB that some link previews (WhatsApp) accept.
 * Gradients come out of resvg dithered, so unfiltered rows compress best.
 * @param {Uint8Array} rgba @param {number} width @param {number} height
 * @returns {Buffer}
 */
export function encodeOpaquePng(rgba, width, height) {
  const stride = 1 + width * 3;
  const raw = Buffer.alloc(height * stride);
  for (let y = 0, s = 0; y < height; y++) {
    let o = y * stride + 1; // filter byte 0: None
    for (let x = 0; x < width; x++, s += 4) {
      raw[o++] = rgba[s] ?? 0;
      raw[o++] = rgba[s + 1] ?? 0;
      raw[o++] = rgba[s + 2] ?? 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9, memLevel: 9, strategy: zlibConstants.Z_DEFAULT_STRATEGY })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** @param {string} type @param {Buffer} data */
function pngChunk(type, data) {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** @type {Uint32Array | null} */
let crcTable = null;
/** CRC-32 of PNG chunks (node:zlib's where present). @param {Uint8Array} data */
function crc32(data) {
  if (typeof zlibCrc32 === 'function') return zlibCrc32(data);
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of data) crc = (crcTable[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Generation with a cache, and the integration                                                */
/* ------------------------------------------------------------------------------------------ */

const MANIFEST = 'manifest.json';

/** Everything besides a page's own fields that changes the pixels: this file and the font. */
function rendererKey() {
  const self = readFileSync(fileURLToPath(import.meta.url));
  return createHash('sha256').update(self).update(getFontIndex().version).digest('hex');
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
    const missing = missingChars(input.title);
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
