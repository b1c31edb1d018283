// @ts-check
/** Text layout: line breaking for Chinese and Latin titles, and fitting text in a box. */
import { shapeChars } from './font.mjs';

/** @typedef {import('./font.mjs').Shaped} Shaped */

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
 * before closing / after opening punctuation. Resolves to null when the text does not fit.
 * @param {string} text @param {number} weight @param {number} maxWidth @param {number} maxLines
 * @returns {Promise<Line[] | null>}
 */
export async function breakLines(text, weight, maxWidth, maxLines) {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return [];
  const units = await shapeChars(chars, weight);
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
 * @returns {Promise<{ size: number, lines: Line[] }>}
 */
export async function fitText(text, o) {
  for (const limit of [o.preferLines, o.maxLines]) {
    for (const size of o.sizes) {
      const lines = await breakLines(text, o.weight, (o.maxWidth * 1000) / size, limit);
      if (lines) return { size, lines };
    }
  }
  const size = o.sizes[o.sizes.length - 1] ?? 40;
  const maxUnits = (o.maxWidth * 1000) / size;
  const chars = Array.from(text);
  for (let keep = chars.length - 1; keep > 0; keep--) {
    const lines = await breakLines(chars.slice(0, keep).join('').trimEnd() + '…', o.weight, maxUnits, o.maxLines);
    if (lines) return { size, lines };
  }
  return { size, lines: [] };
}

/** Width in font units. @param {string} text @param {number} weight */
export async function measure(text, weight) {
  return (await shapeChars(Array.from(text), weight)).reduce((w, u) => w + u.advance, 0);
}
