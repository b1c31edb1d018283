import { describe, expect, it } from 'vitest';
import { ISLAND_ANCHORS, readAllPages, sectionRange, type ChapterFile } from './source';

const pages = readAllPages();
const page = (file: string): ChapterFile => {
  const found = pages.find((p) => p.file === file);
  if (!found) throw new Error(`no page ${file}`);
  return found;
};

function section(file: ChapterFile, number: string): string {
  const range = sectionRange(file, number);
  if (!range) throw new Error(`${file.file}: no section ${number}`);
  return file.body.slice(range.start, range.end);
}

describe('claims match the site', () => {
  it.each(pages.map((p) => [p.file, p] as const))('%s links only to islands that exist on the linked page', (_, from) => {
    const text = `${JSON.stringify(from.frontmatter)}\n${from.body}`;
    for (const [, target, anchor] of text.matchAll(/\/chapters\/([\w-]+)\/#(live-[\w-]+)/g)) {
      const component = ISLAND_ANCHORS[anchor ?? ''];
      expect(component, `unknown island anchor #${anchor}`).toBeDefined();
      expect(page(`chapters/${target}.mdx`).body).toMatch(new RegExp(`<${component}\\b`));
    }
  });
});

describe('corrections of the "text a reader can trust" issue', () => {
  it('chapter 9 removes duplicates before the split, on the page and in its FAQ data', () => {
    const dedupThenSplit = /删除重复[^。]*?再[^。]*?划分/;
    expect(section(page('chapters/09-faq.mdx'), '9.1')).toMatch(dedupThenSplit);
    const faq = page('chapters/09-faq.mdx').frontmatter['faq'];
    expect(Array.isArray(faq)).toBe(true);
    const first: unknown = Array.isArray(faq) ? faq[0] : undefined;
    const answer = typeof first === 'object' && first !== null && 'answer' in first ? String(first.answer) : '';
    expect(answer).toMatch(dedupThenSplit);
    expect(answer).not.toMatch(/之前先划分/);
  });

  it('3.1.4 averages over the batch in its NumPy code and shows the central-difference check', () => {
    const text = section(page('chapters/03-algorithms.mdx'), '3.1.4');
    expect(text).toMatch(/return \(self\.y_hat - self\.y\) \/ self\.y\.shape\[1\]/);
    expect(text).toMatch(/\(plus - minus\) \/ \(2 \* eps\)/);
    expect(text).not.toMatch(/批内求和）/);
  });

  it('3.2 defines ρ for RMSProp', () => {
    expect(section(page('chapters/03-algorithms.mdx'), '3.2')).toMatch(/其中 \$\\rho \\in \[0, 1\)\$/);
  });

  it('chapter 2 states what an arrow of the concept graph means, not "depends on or contains"', () => {
    expect(page('chapters/02-concepts.mdx').body).not.toMatch(/依赖于或包含 B”/);
  });

  it('1.4.3 no longer lists Transformer as an abbreviation', () => {
    expect(section(page('chapters/01-background.mdx'), '1.4.3')).not.toMatch(/^\| \*\*Transformer\*\* \|/m);
  });
});
