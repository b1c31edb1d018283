// The part of subset-font 2.x that scripts/katex-font-split.mjs uses (the package ships no types).
declare module 'subset-font' {
  export default function subsetFont(font: Buffer, text: string, options?: { targetFormat?: 'woff2' | 'woff' | 'sfnt' | 'truetype' }): Promise<Buffer>;
}
