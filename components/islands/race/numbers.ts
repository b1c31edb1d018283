/** How the race island writes numbers: a few significant digits, never NaN or Infinity. */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** Plain text: 0.1234, 12.35, 1.2e-7. */
export function plain(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  const [mantissa = '0', exponent = '0'] = x.toExponential(digits - 1).split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
}

/** TeX: 0.1234, or 1.2\times10^{-7}. */
export function texNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return '\\text{—}';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  const [mantissa = '0', exponent = '0'] = x.toExponential(digits - 1).split('e');
  const m = Number(mantissa);
  return `${m === 1 ? '' : m === -1 ? '-' : `${m}\\times`}10^{${Number(exponent)}}`;
}

/** A pair as TeX: (a,\ b). */
export const texPair = ([a, b]: readonly [number, number], digits = 4): string => `(${texNumber(a, digits)},\\ ${texNumber(b, digits)})`;

/** A power of ten for a log axis tick: 10⁻³; empty between whole powers. */
export function powerOfTen(v: number): string {
  if (Math.abs(v - Math.round(v)) > 1e-9) return '';
  const k = Math.round(v);
  if (k === 0) return '1';
  if (k === 1) return '10';
  return `10${String(k)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('')}`;
}
