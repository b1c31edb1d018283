import type { IslandDefinition } from '../../components/islands/types';

interface TocItem {
  depth: number;
  slug: string;
  text: string;
  children: TocItem[];
}

interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/**
 * Adds the page's live sections to its table of contents ("本页内容"), each under the
 * heading of the section it sits in, so a workshop host sees them in the page's outline.
 * `body` is the page's MDX source; `headings` its rendered headings in order.
 */
export function addLiveSections(
  items: TocItem[],
  body: string,
  headings: readonly Heading[],
  islands: readonly IslandDefinition[],
  label: (island: IslandDefinition) => string,
): void {
  const bodyHeadings = [...body.matchAll(/^(#{2,6}) (.+)$/gm)].map((m) => ({ offset: m.index, text: m[2]!.trim() }));
  const find = (list: TocItem[], slug: string): TocItem | undefined => {
    for (const item of list) {
      if (item.slug === slug) return item;
      const inner = find(item.children, slug);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const island of islands) {
    const at = body.search(new RegExp(`<${island.component}[\\s/>]`));
    if (at < 0) continue;
    // The nearest heading above the island that the table of contents lists (#### ones are not).
    const parent = bodyHeadings
      .filter((h) => h.offset < at)
      .reverse()
      .map((before) => headings.find((h) => h.text === before.text || before.text.endsWith(h.text)))
      .map((heading) => (heading ? find(items, heading.slug) : undefined))
      .find((item) => item !== undefined);
    const entry: TocItem = { depth: (parent?.depth ?? 1) + 1, slug: island.anchor, text: label(island), children: [] };
    if (parent) parent.children.push(entry);
    else items.push(entry);
  }
}
