/**
 * Number formatting shared by the chapter 4.2 islands: probabilities span from 1 down to
 * 10⁻³⁰⁰, so a fixed number of decimals would print most of them as 0. Every function
 * prints a dash for a value that is not finite, so NaN never reaches the page.
 */
const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
export const MISSING = '—';

function parts(x: number, digits: number): { mantissa: string; exponent: number } | null {
  const abs = Math.abs(x);
  if (Number.isInteger(x) && abs < 1e9) return null;
  if (abs >= 1e-4 && abs < 1e6) return null;
  const [m = '0', e = '0'] = x.toExponential(digits - 1).split('e');
  return { mantissa: String(Number(m)), exponent: Number(e) };
}

function short(x: number, digits: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/** For running text: `0.2461`, `1.2×10⁻¹⁵`. */
export function plain(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  const p = parts(x, digits);
  if (!p) return short(x, digits);
  const power = `10${[...String(p.exponent)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
  return p.mantissa === '1' ? power : p.mantissa === '-1' ? `-${power}` : `${p.mantissa}×${power}`;
}

/** For KaTeX: `0.2461`, `1.2\times10^{-15}`. */
export function texNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return '\\text{—}';
  if (x === 0) return '0';
  const p = parts(x, digits);
  if (!p) return short(x, digits);
  const power = `10^{${p.exponent}}`;
  return p.mantissa === '1' ? power : p.mantissa === '-1' ? `-${power}` : `${p.mantissa}\\times${power}`;
}

/** A number inside a TeX product or power: negative ones and powers of ten get parentheses. */
export function texFactor(x: number, digits = 4): string {
  const t = texNumber(x, digits);
  return x < 0 || t.includes('10^') ? `\\left(${t}\\right)` : t;
}

/** A probability as a percentage: `16.7%`, `0.05%`, and `99.99%` rather than a rounded `100%`. */
export function percent(x: number): string {
  if (!Number.isFinite(x)) return MISSING;
  const value = x * 100;
  if (value === 0 || value === 100) return `${value}%`;
  if (Math.abs(value) < 1) return `${plain(value, 2)}%`;
  let digits = 1;
  while (digits < 6 && Number(value.toFixed(digits)) === 100) digits += 1;
  return `${Number(value.toFixed(digits))}%`;
}

/** `=` when the printed number is the value itself, `≈` when it was rounded (TeX). */
export function texEquals(x: number, digits = 4): string {
  const shown = Number(texNumber(x, digits));
  return Math.abs(shown - x) <= 1e-12 * Math.max(1, Math.abs(x)) ? '=' : '\\approx';
}

/** A count with thousands separators: `10,000`. */
export function count(x: number): string {
  return Number.isFinite(x) ? x.toLocaleString('en-US') : MISSING;
}
