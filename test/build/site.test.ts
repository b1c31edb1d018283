import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { BASE, DIST, builtPages, fileForPath } from './dist';
import { pageWeight } from '../../scripts/page-weight.mjs';

const pages = builtPages();
const contentPages = pages.filter((p) => p.file !== '404.html');
const chapterPages = pages.filter((p) => p.file.startsWith('chapters/'));
const page = (file: string) => {
  const found = pages.find((p) => p.file === file);
  if (!found) throw new Error(`${file} not built`);
  return found;
};
const meta = (tree: Root, key: string) =>
  (select(`meta[name="${key}"], meta[property="${key}"]`, tree)?.properties['content'] as string | undefined) ?? '';

const idCache = new WeakMap<Root, Set<string>>();
function idsOf(tree: Root): Set<string> {
  let ids = idCache.get(tree);
  if (!ids) {
    ids = new Set(selectAll('[id]', tree).map((e) => String(e.properties['id'])));
    idCache.set(tree, ids);
  }
  return ids;
}

/** Text a reader sees as prose: without code, scripts, styles and typeset math. */
function proseText(tree: Root): string {
  const main = select('main', tree);
  if (!main) return '';
  const clone = structuredClone(main);
  const strip = (node: Element) => {
    node.children = node.children.filter(
      (child) =>
        child.type !== 'element' ||
        !(['pre', 'code', 'script', 'style', 'template'].includes(child.tagName) ||
          String(child.properties['className'] ?? '').includes('katex')),
    );
    for (const child of node.children) if (child.type === 'element') strip(child);
  };
  strip(clone);
  return toString(clone);
}

describe('built site', () => {
  it('has the landing page, ten chapters, a 404 page, sitemap and robots.txt', () => {
    expect(pages.map((p) => p.file)).toContain('index.html');
    expect(pages.map((p) => p.file)).toContain('404.html');
    expect(chapterPages).toHaveLength(10);
    expect(existsSync(join(DIST, 'sitemap-index.xml'))).toBe(true);
    const robots = readFileSync(join(DIST, 'robots.txt'), 'utf8');
    expect(robots).toMatch(/^Sitemap: https?:\/\/.+sitemap-index\.xml$/m);
    const sitemap = readFileSync(join(DIST, 'sitemap-0.xml'), 'utf8');
    for (const p of chapterPages) expect(sitemap).toContain(`${p.path}</loc>`);
  });

  it.each(chapterPages.map((p) => [p.file, p] as const))('%s renders its math with KaTeX and leaves no raw TeX', (_, p) => {
    const text = proseText(p.tree);
    expect(text).not.toContain('$$');
    expect(text).not.toMatch(/\$[^$\s][^$\n]{0,200}\$/);
    expect(text).not.toMatch(/\\(frac|sum|mathbf|alpha|theta)\b/);
    expect(selectAll('.katex-error', p.tree)).toHaveLength(0);
  });

  it('typesets the formula-heavy chapters', () => {
    expect(selectAll('.katex-display', page('chapters/04-math/index.html').tree).length).toBeGreaterThan(20);
    expect(selectAll('.katex', page('chapters/03-algorithms/index.html').tree).length).toBeGreaterThan(20);
  });

  it('resolves every internal link and fragment', () => {
    const broken: string[] = [];
    for (const p of pages) {
      for (const a of selectAll('a[href]', p.tree)) {
        const href = String(a.properties['href']);
        if (/^(https?:|mailto:|data:)/.test(href) || href.startsWith('//')) continue;
        const url = new URL(href, `http://site${p.path}`);
        const target = fileForPath(url.pathname);
        if (!target) {
          broken.push(`${p.file}: ${href}`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && target.endsWith('.html')) {
          const targetPage = pages.find((candidate) => candidate.file === target);
          if (targetPage && !idsOf(targetPage.tree).has(fragment)) broken.push(`${p.file}: ${href} (no #${fragment})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('search engines and sharing', () => {
  it('every page is Chinese and has a unique title', () => {
    const titles = contentPages.map((p) => toString(select('title', p.tree)!));
    expect(new Set(titles).size).toBe(titles.length);
    for (const p of pages) expect(select('html', p.tree)?.properties['lang']).toBe('zh-CN');
  });

  it('the landing page is titled once, not "site | site"', () => {
    const title = toString(select('title', page('index.html').tree)!);
    expect(title).toBe('AI 大模型创业：如何利用竞争优势？');
    expect(toString(select('title', page('chapters/03-algorithms/index.html').tree)!)).toMatch(/^第 3 章 .+ \| AI 大模型创业/);
  });

  it.each(contentPages.map((p) => [p.file, p] as const))('%s has description, canonical, Open Graph, Twitter tags and JSON-LD', (_, p) => {
    const { tree } = p;
    expect(meta(tree, 'description')).toMatch(/[\u4e00-\u9fff]/);
    const canonical = String(select('link[rel="canonical"]', tree)?.properties['href']);
    expect(canonical).toMatch(new RegExp(`^https?://[^/]+${p.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(meta(tree, 'og:title')).not.toBe('');
    expect(meta(tree, 'og:description')).toBe(meta(tree, 'description'));
    expect(meta(tree, 'og:url')).toBe(canonical);
    expect(meta(tree, 'twitter:card')).toBe('summary_large_image');
    const image = meta(tree, 'og:image');
    expect(meta(tree, 'twitter:image')).toBe(image);
    const imagePath = new URL(image).pathname;
    const imageFile = fileForPath(imagePath);
    expect(imageFile, `og:image ${image} is not in dist`).toBeDefined();
    const png = readFileSync(join(DIST, imageFile!));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);

    const ld = selectAll('script[type="application/ld+json"]', tree).map((s) => JSON.parse(toString(s)) as Record<string, unknown>);
    const article = ld.find((d) => d['@type'] === 'TechArticle');
    expect(article).toMatchObject({ inLanguage: 'zh-CN', url: canonical, image });
    expect(article?.['headline']).toBe(meta(tree, 'og:title'));
    const crumbs = ld.find((d) => d['@type'] === 'BreadcrumbList') as { itemListElement: { item: string }[] } | undefined;
    expect(crumbs?.itemListElement.at(-1)?.item).toBe(canonical);
  });

  it('chapter 9 publishes its questions as FAQPage', () => {
    const { tree } = page('chapters/09-faq/index.html');
    const faq = selectAll('script[type="application/ld+json"]', tree)
      .map((s) => JSON.parse(toString(s)) as { '@type': string; mainEntity?: { name: string; acceptedAnswer: { text: string } }[] })
      .find((d) => d['@type'] === 'FAQPage');
    expect(faq?.mainEntity?.length).toBeGreaterThanOrEqual(4);
    for (const q of faq!.mainEntity!) expect(q.acceptedAnswer.text.length).toBeGreaterThan(20);
  });

  it('the concept graph is drawn into the page (both themes), keeps its labels out of the search index, and has a linked text version', () => {
    const { tree } = page('chapters/02-concepts/index.html');
    expect(selectAll('[data-concept-graph] [data-pagefind-ignore] [data-theme-drawing] > svg', tree).length).toBe(2);
    expect(selectAll('[data-concept-graph] [data-theme-drawing] svg a', tree).length).toBe(26);
    expect(selectAll('[data-concept-graph] details a', tree).length).toBeGreaterThanOrEqual(13);
  });

  it('labels the source code blocks as the source’s', () => {
    const html = page('chapters/05-mnist-project/index.html').html;
    expect(html).toContain('原文 Keras 代码');
  });

  it('shows every erratum as an anchored callout', () => {
    const ids = pages.flatMap((p) => selectAll('aside.erratum', p.tree).map((a) => String(a.properties['id'])));
    expect(ids.sort()).toEqual(Array.from({ length: 22 }, (_, i) => `erratum-e${i + 1}`).sort());
  });
});

describe('page weight', () => {
  it.each(pages.map((p) => [p.file, p] as const))('%s loads no script from another host', (_, p) => {
    expect(pageWeight(DIST, p.file, BASE).foreign).toEqual([]);
    const loaded = selectAll('script[src], link[href], img[src], iframe[src], source[src]', p.tree).filter(
      (e) => !(e.tagName === 'link' && ['canonical', 'alternate', 'sitemap'].includes(String(e.properties['rel']))),
    );
    const urls = loaded.map((e) => String(e.properties['src'] ?? e.properties['href']));
    expect(urls.filter((u) => /^(https?:)?\/\//.test(u))).toEqual([]);
  });

  it('a chapter without islands loads at most 20 KB of JavaScript (gzip) up front', () => {
    const weight = pageWeight(DIST, 'chapters/08-future/index.html', BASE);
    expect(weight.gzip).toBeGreaterThan(0);
    expect(weight.gzip).toBeLessThanOrEqual(20 * 1024);
  });
});
