import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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
