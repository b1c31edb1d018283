// @ts-check
import { Reader } from './woff2-reader.mjs';

/** @param {number} flag @param {number} value */
const withSign = (flag, value) => (flag & 1 ? value : -value);

/**
 * Rebuilds glyf and loca from WOFF2's transformed glyf table (spec §5.1–5.3).
 * @param {Buffer} buf
 */
export function reconstructGlyf(buf) {
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
