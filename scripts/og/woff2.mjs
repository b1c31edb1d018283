// @ts-check
/** WOFF2 → TrueType (https://www.w3.org/TR/WOFF2/). */
import { brotliDecompressSync } from 'node:zlib';
import { reconstructGlyf } from './woff2-glyf.mjs';
import { Reader } from './woff2-reader.mjs';

const KNOWN_TAGS = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar', 'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill'];

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
