/**
 * How the 4.3.2 and 4.3.3 islands write numbers: a few significant digits, tiny and huge
 * values in powers of ten (never `1e-9` or `NaN` on screen), minus signs as “−”.
 */
const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

function parts(v: number, digits: number): { mantissa: string; exponent: number } | { plain: string } {
  if (!Number.isFinite(v)) return { plain: '—' };
  const a = Math.abs(v);
  if (a === 0 || a < 1e-15) return { plain: '0' };
  if (a >= 1e-3 && a < 1e5) return { plain: String(Number(v.toPrecision(digits))) };
  const exponent = Math.floor(Math.log10(a));
  let mantissa = Number((v / 10 ** exponent).toPrecision(Math.min(digits, 3)));
  let e = exponent;
  if (Math.abs(mantissa) >= 10) {
    mantissa /= 10;
    e += 1;
  }
  return { mantissa: String(mantissa), exponent: e };
}

/** Plain text: `0.89443`, `3.1×10⁻⁸`, `−2`. */
export function num(v: number, digits = 5): string {
  const p = parts(v, digits);
  if ('plain' in p) return p.plain.replace('-', '−');
  const exp = [...String(p.exponent)].map((c) => SUPERSCRIPT[c] ?? c).join('');
  return `${p.mantissa.replace('-', '−')}×10${exp}`;
}

/** TeX: `0.89443`, `{3.1\times10^{-8}}` (braced, so KaTeX never breaks a line inside it). */
export function texNum(v: number, digits = 5): string {
  const p = parts(v, digits);
  if ('plain' in p) return p.plain === '—' ? '\\text{—}' : p.plain;
  return `{${p.mantissa}\\times10^{${p.exponent}}}`;
}

/** A factor in a product: negative numbers in parentheses. */
export function texFactor(v: number, digits = 5): string {
  const t = texNum(v, digits);
  return v < 0 && t !== '0' ? `(${t})` : t;
}

/** A column vector. */
export function texVector(v: readonly number[], digits = 5): string {
  return `\\begin{pmatrix}${v.map((x) => texNum(x, digits)).join('\\\\')}\\end{pmatrix}`;
}

/** A small matrix, one row per line. */
export function texMatrix(m: readonly (readonly number[])[], digits = 5): string {
  return `\\begin{bmatrix}${m.map((row) => row.map((x) => texNum(x, digits)).join('&')).join('\\\\')}\\end{bmatrix}`;
}
