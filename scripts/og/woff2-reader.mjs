// @ts-check
/** Big-endian reader over a font buffer, with WOFF2's variable-length integers. */

export class Reader {
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
