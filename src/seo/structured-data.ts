/**
 * Schema.org structured data for a page: TechArticle + BreadcrumbList on every page,
 * FAQPage where the page lists questions (chapter 9). Pure: takes plain values, returns
 * JSON-ready objects, so it is unit-tested without Astro.
 */

export interface PageFacts {
  /** Absolute canonical URL of the page. */
  url: string;
  /** Absolute URL of the site's home page. */
  homeUrl: string;
  siteTitle: string;
  title: string;
  description: string;
  imageUrl: string;
  /** ISO date of the last change, when known. */
  modified?: string | undefined;
  /** Source chapter number, absent on the landing page. */
  chapter?: number | undefined;
  faq?: readonly { question: string; answer: string }[] | undefined;
}

export type JsonLd = Record<string, unknown>;

const PUBLISHER = { '@type': 'Organization', name: 'AI 大模型创业指南编辑部' } as const;

export function structuredData(page: PageFacts): JsonLd[] {
  const isHome = page.chapter === undefined && page.url === page.homeUrl;
  const article: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'TechArticle',
    headline: page.title,
    description: page.description,
    inLanguage: 'zh-CN',
    url: page.url,
    mainEntityOfPage: page.url,
    image: page.imageUrl,
    author: PUBLISHER,
    publisher: PUBLISHER,
    isPartOf: { '@type': 'WebSite', name: page.siteTitle, url: page.homeUrl },
    ...(page.modified ? { dateModified: page.modified } : {}),
    ...(page.chapter !== undefined ? { position: page.chapter } : {}),
  };
  const crumbs = [{ name: page.siteTitle, url: page.homeUrl }];
  if (!isHome) crumbs.push({ name: page.title, url: page.url });
  const breadcrumbs: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
  const result = [article, breadcrumbs];
  if (page.faq?.length) {
    result.push({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      inLanguage: 'zh-CN',
      url: page.url,
      mainEntity: page.faq.map(({ question, answer }) => ({
        '@type': 'Question',
        name: question,
        acceptedAnswer: { '@type': 'Answer', text: answer },
      })),
    });
  }
  return result;
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the tag. */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
