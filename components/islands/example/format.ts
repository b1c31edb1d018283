/** A number as the island shows it: at most four decimals, no −0. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const r = Math.round(x * 10_000) / 10_000;
  return String(r === 0 ? 0 : r);
}

export const pair = (x: readonly number[]): string => `(${x.map((v) => num(v)).join(', ')})`;

/** A number inside a TeX product: negative values in parentheses. */
export const factor = (x: number): string => (Math.round(x * 10_000) / 10_000 < 0 ? `(${num(x)})` : num(x));

/** c₁v₁ + c₂v₂ in TeX, without 1· and 0-terms (v is e.g. "x_1^2"). */
export function termsTex(c1: number, c2: number, v1: string, v2: string): string {
  const term = (c: number, v: string, first: boolean): string => {
    const shown = Math.round(c * 10_000) / 10_000;
    if (shown === 0) return '';
    const sign = shown < 0 ? '-' : first ? '' : '+';
    return `${sign}${Math.abs(shown) === 1 ? '' : num(Math.abs(shown))}${v}`;
  };
  const t1 = term(c1, v1, true);
  return `${t1}${term(c2, v2, t1 === '')}` || '0';
}
