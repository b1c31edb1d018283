import { describe, expect, it } from 'vitest';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { builtPages } from './dist';
import { ISLANDS } from '../../components/islands/registry';

// Every registered island, as the built page ships it: the shell, a static fallback that
// reads without JavaScript (what search engines index), and an entry in 本页内容.
const pages = builtPages();

describe.each(ISLANDS.map((island) => [island.tag, island] as const))('%s in the built site', (_, island) => {
  const page = pages.find((p) => p.file === `${island.page}index.html`);

  it('sits in its shell on its page, with its custom element and the shell strings', () => {
    expect(page, `${island.page} is built`).toBeDefined();
    const shell = select(`section#${island.anchor}[data-island-shell]`, page!.tree);
    expect(shell).toBeDefined();
    expect(select(island.tag, shell!)).toBeDefined();
    const strings = JSON.parse(toString(select('script[data-island-ui]', shell!)!)) as Record<string, string>;
    expect(strings['island.copyLink']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has a static fallback with a figure or table and a sentence', () => {
    const fallback = select(`section#${island.anchor} [data-island-fallback]`, page!.tree)!;
    expect(selectAll('svg, table, img', fallback).length).toBeGreaterThan(0);
    expect(toString(fallback).replace(/\s+/g, '').length).toBeGreaterThan(40);
    expect(page!.html).not.toMatch(/<!--lit-part|<\?lit\$/);
  });

  it('is listed in the page’s table of contents', () => {
    const toc = selectAll('page-toc:not([data-mobile]) a', page!.tree).map((a) => String(a.properties['href']));
    expect(toc).toContain(`#${island.anchor}`);
  });
});
