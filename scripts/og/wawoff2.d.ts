// The part of wawoff2 2.0.1 that scripts/og uses (the package ships no types).
declare module 'wawoff2' {
  /** WOFF2 to the TrueType / OpenType font it packs; rejects on malformed input. */
  export function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}
