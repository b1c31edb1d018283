// The part of fontkit 2.0.4 that scripts/og uses (the package ships no types).
declare module 'fontkit' {
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    /** x, y pairs in font units, y up */
    args: number[];
  }

  export interface Glyph {
    id: number;
    /** in font units */
    advanceWidth: number;
    path: { commands: PathCommand[] };
  }

  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    /** The instance at these axis values (clamped to each axis's range; unnamed axes at their default). */
    getVariation(settings: Record<string, number>): Font;
  }

  /** Font collections (TTC, DFont) are another type, not used here. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
