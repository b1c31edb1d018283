import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { collectFormulaCodePoints, fontCodePoints } from '../../scripts/katex-font-split.mjs';
import { describe, expect, it } from 'vitest';
import { selectAll } from 'hast-util-select';
import { DIST, builtPages } from './dist';

// Formulas were once mis-rendered on every page while every test passed: the markup came
// from one KaTeX version and the stylesheet from another, which had renamed its classes.
// These tests tie what the pages contain to what the shipped CSS styles.

const cssDir = join(DIST, '_astro');
const shippedCss = readdirSync(cssDir)
  .filter((name) => name.endsWith('.css'))
  .map((name) => readFileSync(join(cssDir, name), 'utf8'))
  .join('\n');
const katexCss = shippedCss.slice(shippedCss.indexOf('.katex'));

/** Every class name that appears in a CSS selector of the shipped stylesheets. */
const styledClasses = new Set([...shippedCss.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!));

/** Classes that only carry meaning (or a font/size choice KaTeX leaves to inheritance). */
const UNSTYLED_BY_DESIGN = new Set([
  ...['mord', 'mrel', 'mbin', 'mopen', 'mclose', 'mpunct', 'minner', 'mop', 'mspace', 'mtight', 'text'],
  'nobreak', // KaTeX reads it while laying out (no line break after ~ or \nobreak)
]);

let found: Map<string, string> | undefined;

/** Every class inside KaTeX output on any built page, with the first page it is on (computed once). */
function katexClasses(): Map<string, string> {
  if (found) return found;
  found = new Map<string, string>();
  for (const page of builtPages()) {
    for (const node of selectAll('.katex *', page.tree)) {
      const names = node.properties['className'];
      for (const name of Array.isArray(names) ? names : []) {
        if (!found.has(String(name))) found.set(String(name), page.file);
      }
    }
  }
  return found;
}

describe('KaTeX markup and stylesheet', () => {
  it('ships the KaTeX stylesheet', () => {
    expect(katexCss.length).toBeGreaterThan(5000);
    expect(shippedCss).toMatch(/\.katex\s*\{[^}]*font:/);
  });

  it('styles every class that KaTeX writes into the built pages', { timeout: 60_000 }, () => {
    const classes = katexClasses();
    expect(classes.size).toBeGreaterThan(30);
    const unstyled = [...classes].filter(([name]) => !styledClasses.has(name) && !UNSTYLED_BY_DESIGN.has(name));
    expect(unstyled.map(([name, file]) => `${name} (first in ${file})`)).toEqual([]);
  });

  it('uses classes that only the current KaTeX has, so markup and CSS are the same version', { timeout: 60_000 }, () => {
    // 0.19 writes .katex-strut where 0.16 wrote .strut; both must agree with the CSS.
    const classes = katexClasses();
    expect(classes.has('strut') && !styledClasses.has('strut')).toBe(false);
    expect(classes.has('katex-strut') || classes.has('strut')).toBe(true);
  });

  it('lets text show before the math fonts arrive, and ships only WOFF2', () => {
    const faces = [...shippedCss.matchAll(/@font-face\s*\{[^}]*KaTeX_[^}]*\}/g)].map((m) => m[0]);
    expect(faces.length).toBeGreaterThan(15);
    for (const face of faces) {
      // One family name per face: a list there makes the whole rule invalid (no font loads).
      expect(face).toMatch(/font-family:\s*"?KaTeX_\w+"?\s*;/);
      expect(face).toMatch(/font-display:\s*swap/);
      expect(face).not.toMatch(/\.(woff|ttf)\)/);
    }
  });

  it('falls back to the system CJK fonts, not a serif, for Chinese inside \\text{}', () => {
    expect(shippedCss).toMatch(/\.katex\s*\{[^}]*KaTeX_Main[^}]*PingFang SC[^}]*Microsoft YaHei/);
    expect(shippedCss).toMatch(/\.katex \.cjk_fallback\s*\{[^}]*font-family/);
  });
});

describe('KaTeX fonts in two parts (scripts/katex-font-split.mjs)', () => {
  const fontsDir = join(createRequire(import.meta.url).resolve('katex/package.json'), '..', 'dist', 'fonts');
  const codePointsOf = (bytes: Buffer) => new Set(fontCodePoints(bytes));
  const rangeOf = (body: string) =>
    new Set(
      (/unicode-range:\s*([^;}]*)/.exec(body)?.[1] ?? '').split(',').flatMap((item) => {
        const [from, to = from] = item.trim().replace('U+', '').split('-').map((hex) => parseInt(hex!, 16));
        return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
      }),
    );
  // Faces small enough for Vite to inline as data: URLs cost no request and stay whole.
  const rules = [...shippedCss.matchAll(/@font-face\s*\{([^}]*KaTeX_[^}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((body) => !body.includes('url(data:'))
    .map((body) => {
      const url = /url\([^)]*\/((KaTeX_[\w-]+)\.(?:(used|rest)\.)?[\w-]+\.woff2)\)/.exec(body);
      return { body, file: url?.[1], face: url?.[2], part: url?.[3], range: rangeOf(body) };
    });
  const parts = rules.filter((r) => r.part);
  const faces = [...new Set(parts.map((p) => p.face!))];
  const partOf = (face: string, kind: 'used' | 'rest') => parts.find((p) => p.face === face && p.part === kind)!;

  it('serves each KaTeX font as the part pages load first and the rest, or whole when pages use all of it', () => {
    expect(faces.length).toBeGreaterThan(12);
    for (const rule of rules) {
      expect(rule.file, rule.body).toBeDefined();
      expect(existsSync(join(cssDir, rule.file!))).toBe(true);
      if (rule.part) expect(rule.range.size, rule.body).toBeGreaterThan(0);
      else expect(faces, rule.body).not.toContain(rule.face);
    }
    expect(faces.every((face) => partOf(face, 'used') && partOf(face, 'rest'))).toBe(true);
  });

  it('keeps every glyph of every split font: the two ranges share nothing and cover the font, each part has its range', () => {
    for (const face of faces) {
      const whole = codePointsOf(readFileSync(join(fontsDir, `${face}.woff2`)));
      const [used, rest] = [partOf(face, 'used'), partOf(face, 'rest')];
      expect([...used.range].filter((cp) => rest.range.has(cp)), face).toEqual([]);
      expect([...whole].filter((cp) => !used.range.has(cp) && !rest.range.has(cp)), face).toEqual([]);
      for (const part of [used, rest]) {
        const has = codePointsOf(readFileSync(join(cssDir, part.file!)));
        expect([...part.range].filter((cp) => !has.has(cp)), part.file).toEqual([]);
      }
    }
  });

  it('puts every character the pages’ formulas draw in the part pages load first', { timeout: 60_000 }, () => {
    const drawn = new Set<number>();
    for (const page of builtPages()) collectFormulaCodePoints(page.html, drawn);
    expect(drawn.size).toBeGreaterThan(100);
    for (const face of faces) {
      const rest = partOf(face, 'rest').range;
      expect([...drawn].filter((cp) => rest.has(cp)).map((cp) => String.fromCodePoint(cp)), face).toEqual([]);
    }
  });
});

describe('formulas for screen readers', () => {
  it('every formula on every page is an image labelled with its TeX (KaTeX’s HTML is hidden from them)', () => {
    const unlabelled: string[] = [];
    let formulas = 0;
    for (const page of builtPages()) {
      for (const node of selectAll('.katex', page.tree)) {
        formulas++;
        const label = String(node.properties['ariaLabel'] ?? '');
        if (node.properties['role'] !== 'img' || label.trim() === '') unlabelled.push(page.file);
      }
    }
    expect(formulas).toBeGreaterThan(500); // not vacuous: the chapters hold about a thousand
    expect([...new Set(unlabelled)]).toEqual([]);
  });
});
