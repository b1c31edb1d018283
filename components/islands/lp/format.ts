import type { TableauVariable } from '../../../src/lib/math/simplex';
import type { Point } from '../../../src/lib/math/lp2d';

/** A number as the island shows it: at most three decimals, no −0, no exponent for small values. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const r = Math.round(x * 1000) / 1000;
  return String(r === 0 ? 0 : r);
}

export const point = (p: Point): string => `(${num(p.x)}, ${num(p.y)})`;
export const vector = (v: readonly number[]): string => `(${v.map((x) => num(x)).join(', ')})`;

/** A number inside a TeX product: negative values in parentheses. */
export const texFactor = (x: number): string => (Math.round(x * 1000) / 1000 < 0 ? `(${num(x)})` : num(x));

/** a₁x₁ + a₂x₂ in TeX, without 1· and 0-terms. */
export function linearTex(a1: number, a2: number): string {
  const term = (c: number, v: string, first: boolean): string => {
    const shown = Math.round(c * 1000) / 1000;
    if (shown === 0) return '';
    const sign = shown < 0 ? '-' : first ? '' : '+';
    const magnitude = Math.abs(shown) === 1 ? '' : num(Math.abs(shown));
    return `${sign}${magnitude}${v}`;
  };
  const t1 = term(a1, 'x_1', true);
  const t2 = term(a2, 'x_2', t1 === '');
  return `${t1}${t2}` || '0';
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number): string => [...String(n)].map((d) => SUBSCRIPTS[Number(d)] ?? d).join('');

/** A tableau column by name: x₁ (decision), s₂ (slack of row 2), e₁ (surplus), R₃ (artificial). */
export function variableName(v: TableauVariable | undefined): string {
  if (!v) return '?';
  const letter = { decision: 'x', slack: 's', surplus: 'e', artificial: 'R' }[v.kind];
  return `${letter}${sub(v.index + 1)}`;
}

export const circled = (i: number): string => '①②③④⑤⑥⑦⑧⑨'[i] ?? String(i + 1);
