import { svg, nothing, type SVGTemplateResult } from 'lit';

/**
 * A small greyscale image (an MNIST digit) as crisp SVG: one path per grey level, each a
 * union of whole-pixel rectangles, so it stays sharp at any size, renders at build time for
 * the static fallbacks, and follows the theme (ink is the text colour on the page colour).
 */
export interface PixelImageOptions {
  /** Pixels per row and rows. */
  columns: number;
  rows: number;
  /** columns × rows values, row-major. */
  data: ArrayLike<number>;
  /** Shown side of the image in CSS pixels (the longer side). */
  size: number;
  /** The value drawn as blank paper and the value drawn as full ink; values beyond are clamped. Default [0, 1]. */
  domain?: readonly [number, number];
  /** 1 where a pixel is missing: drawn in the warning colour, whatever its value. */
  missing?: ArrayLike<number>;
  /** 1 where a pixel is outlined (e.g. changed by a step). */
  marked?: ArrayLike<number>;
  /** Accessible name. */
  label: string;
  /** Grey levels drawn (default 32). */
  levels?: number;
}

/** Pixels with flag[i] set, as rectangles merged along each row. */
function runsPath(columns: number, rows: number, flagged: (i: number) => boolean): string {
  let d = '';
  for (let y = 0; y < rows; y++) {
    let x = 0;
    while (x < columns) {
      if (!flagged(y * columns + x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < columns && flagged(y * columns + x)) x++;
      d += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  }
  return d;
}

/** One outline per marked pixel (merged runs would hide single pixels inside a run). */
function outlinePath(columns: number, rows: number, marked: ArrayLike<number>): string {
  let d = '';
  for (let i = 0; i < columns * rows; i++) if (marked[i]) d += `M${(i % columns) + 0.1} ${Math.floor(i / columns) + 0.1}h0.8v0.8h-0.8z`;
  return d;
}

export function pixelImage(options: PixelImageOptions): SVGTemplateResult {
  const { columns, rows, data, size } = options;
  const [lo, hi] = options.domain ?? [0, 1];
  const levels = options.levels ?? 32;
  const span = hi - lo;
  const level = new Uint8Array(columns * rows);
  for (let i = 0; i < level.length; i++) {
    const v = data[i] ?? 0;
    const t = span > 0 && Number.isFinite(v) ? Math.min(1, Math.max(0, (v - lo) / span)) : 0;
    level[i] = options.missing?.[i] ? 0 : Math.round(t * (levels - 1));
  }
  const paths: SVGTemplateResult[] = [];
  for (let k = 1; k < levels; k++) {
    const d = runsPath(columns, rows, (i) => level[i] === k);
    if (d) paths.push(svg`<path d=${d} style=${`fill: var(--sl-color-white); fill-opacity: ${(k / (levels - 1)).toFixed(3)}`} />`);
  }
  const missing = options.missing ? runsPath(columns, rows, (i) => Boolean(options.missing?.[i])) : '';
  const marked = options.marked ? outlinePath(columns, rows, options.marked) : '';
  const scale = size / Math.max(columns, rows);
  // A one-CSS-pixel frame, drawn inside the image so that no edge of it is clipped.
  const frame = 1 / scale;
  return svg`<svg class="ml-pixels" width=${Math.round(columns * scale)} height=${Math.round(rows * scale)}
      viewBox=${`0 0 ${columns} ${rows}`} role="img" aria-label=${options.label} shape-rendering="crispEdges">
    <rect width=${columns} height=${rows} style="fill: var(--sl-color-bg)" />
    ${paths}
    ${missing ? svg`<path d=${missing} style="fill: var(--sl-color-orange); fill-opacity: 0.85" />` : nothing}
    <rect x=${frame / 2} y=${frame / 2} width=${columns - frame} height=${rows - frame} style=${`fill: none; stroke: var(--sl-color-gray-4); stroke-width: ${frame}`} />
    ${marked ? svg`<path d=${marked} style="fill: none; stroke: var(--sl-color-red); stroke-width: 0.2" shape-rendering="auto" />` : nothing}
  </svg>`;
}
