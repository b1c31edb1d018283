import { describe, expect, it } from 'vitest';
import { hashLine } from '../../scripts/source-outline.mjs';
import { ISLAND_ANCHORS, readChapterFiles, readOutline, sectionRange } from './source';

const outline = readOutline();
const source = outline.chapters;
const files = readChapterFiles();
const fileOf = (chapter: number) => {
  const file = files.find((f) => f.frontmatter['chapter'] === chapter);
  if (!file) throw new Error(`no file for chapter ${chapter}`);
  return file;
};

/** Where each erratum of shared/errata.md belongs (checked against the outline below). */
const ERRATA_CHAPTER: Record<string, number> = {
  E1: 3, E2: 3, E3: 3, E4: 3, E5: 3, E6: 3,
  E7: 4, E8: 4, E9: 4, E10: 4, E11: 4,
  E12: 5, E13: 5,
  E14: 7, E15: 7, E16: 7,
  E17: 9,
  E18: 3, E19: 2, E20: 4, E21: 4, E22: 1,
};

describe('the source outline', () => {
  it('has ten chapters', () => {
    expect(source.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('names the same errata, in the same chapters, as this test', () => {
    expect(Object.fromEntries(outline.errata.map((e) => [e.id, e.chapter]))).toEqual(ERRATA_CHAPTER);
  });
});

describe('chapter pages', () => {
  it('there is exactly one page per chapter, in order', () => {
    expect(files.map((f) => f.frontmatter['chapter'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(files.map((f) => (f.frontmatter['sidebar'] as { order: number }).order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it.each(source.map((c) => [c.number, c] as const))('chapter %i keeps the source title and every section heading', (_, chapter) => {
    const file = fileOf(chapter.number);
    expect(file.frontmatter['title']).toBe(`第 ${chapter.number} 章 ${chapter.title}`);
    // Source ### → site ##, #### → ###, same text, same order.
    const expected = chapter.headings.map((h) => `${'#'.repeat(h.level - 1)} ${h.text}`);
    const actual = file.headings.filter((h) => h.level <= 3).map((h) => `${'#'.repeat(h.level)} ${h.text}`);
    const found = expected.filter((h) => actual.includes(h));
    expect(found).toEqual(expected);
    const order = expected.map((h) => actual.indexOf(h));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it.each(files.map((f) => [f.file, f] as const))('%s has a Chinese description for search engines', (_, file) => {
    const description = String(file.frontmatter['description'] ?? '');
    expect(description.length).toBeGreaterThanOrEqual(60);
    expect(description.length).toBeLessThanOrEqual(170);
    expect(description).toMatch(/[\u4e00-\u9fff]/);
  });

  it('adds section 3.3.3 精确率 between 3.3.2 and 3.3.4 (E1)', () => {
    const headings = fileOf(3).headings.map((h) => h.text);
    const at = (text: string) => headings.indexOf(text);
    expect(at('3.3.3 精确率')).toBeGreaterThan(at('3.3.2 召回率'));
    expect(at('3.3.3 精确率')).toBeLessThan(at('3.3.4 F1分数'));
  });

  it.each(source.map((c) => [c.number, c] as const))('chapter %i keeps every line of its source code blocks', (_, chapter) => {
    const lines = new Set(fileOf(chapter.number).body.split('\n').map(hashLine));
    // The concept graph (Mermaid) is drawn by ConceptGraph from its own data, not pasted as code.
    const blocks = chapter.codeBlocks.filter((block) => block.lang !== 'mermaid');
    const missing = blocks.flatMap((block, b) => block.lineHashes.flatMap((hash, l) => (lines.has(hash) ? [] : [`block ${b + 1}, line ${l + 1}`])));
    expect(missing).toEqual([]);
  });
});

describe('errata', () => {
  it.each(Object.entries(ERRATA_CHAPTER))('%s is shown as a callout in chapter %i', (id, chapter) => {
    const body = fileOf(chapter).body;
    const callout = new RegExp(`<Erratum\\s+id="${id}"\\s`);
    expect(body).toMatch(callout);
    const others = files.filter((f) => f.frontmatter['chapter'] !== chapter).map((f) => f.body).join('\n');
    expect(others).not.toMatch(callout);
  });

  it.each(outline.errata.map((e) => [e.id, e] as const))('%s names its source section and sits inside it', (id, erratum) => {
    const file = fileOf(erratum.chapter);
    const tag = new RegExp(`<Erratum\\s+id="${id}"\\s+section="([^"]*)"`).exec(file.body);
    expect(tag?.[1]).toBe(erratum.section);
    const first = /^\d+(?:\.\d+)*/.exec(erratum.section)?.[0] ?? '';
    const range = sectionRange(file, first);
    expect(range, `no heading ${first} in ${file.file}`).not.toBeNull();
    expect(tag?.index).toBeGreaterThan(range?.start ?? Infinity);
    expect(tag?.index).toBeLessThan(range?.end ?? -Infinity);
  });

  it.each(files.map((f) => [f.file, f] as const))('%s: every callout that links to a live check has that island on the page', (_, file) => {
    for (const [, anchor] of file.body.matchAll(/<Erratum\s[^>]*\bcheck="([^"]*)"/g)) {
      const component = ISLAND_ANCHORS[anchor ?? ''];
      expect(component, `unknown island anchor ${anchor}`).toBeDefined();
      expect(file.body).toMatch(new RegExp(`<${component}\\b`));
    }
  });

  it('corrects the numbers the source gets wrong', () => {
    expect(fileOf(4).body).toMatch(/0\.5/); // E10: the minimum is 0.5, not 1
    expect(fileOf(5).body).toMatch(/70,?000/); // E12
    expect(fileOf(5).body).toMatch(/93,?322/); // E13
  });
});

describe('islands and figures', () => {
  it('chapter 2 draws the concept graph', () => {
    expect(fileOf(2).body).toMatch(/<ConceptGraph\s*\/>/);
  });

  it('chapter 3 places the metrics island in section 3.3, after 3.3.4', () => {
    const body = fileOf(3).body;
    const island = body.indexOf('<MetricsIsland');
    expect(island).toBeGreaterThan(body.indexOf('### 3.3.4 F1分数'));
  });
});
