import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { serializeJsonLd, structuredData } from './structured-data';
import { addLiveSections } from './live-toc';
import { ISLANDS } from '../../components/islands/registry';

/**
 * Adds what Starlight's head lacks for search engines and sharing: the per-page
 * og:image generated at build time (scripts/og-images.mjs), Twitter tags, and JSON-LD.
 */
export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const { entry, head } = route;
  const site = context.site ?? new URL(context.url.origin);
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const homeUrl = new URL(base, site).href;
  const url = new URL(context.url.pathname, site).href;
  const slug = entry.id === '' ? 'index' : entry.id;
  const imageUrl = new URL(`${base}og/${slug}.png`, site).href;
  const title = entry.data.title;
  const description = entry.data.description ?? '';
  const siteTitle = route.siteTitle;

  // Starlight titles every page "page | site"; on the landing page the two are the same.
  const titleTag = head.find((item) => item.tag === 'title');
  if (titleTag && title === siteTitle) titleTag.content = siteTitle;

  head.push(
    { tag: 'meta', attrs: { property: 'og:image', content: imageUrl } },
    { tag: 'meta', attrs: { property: 'og:image:width', content: '1200' } },
    { tag: 'meta', attrs: { property: 'og:image:height', content: '630' } },
    { tag: 'meta', attrs: { property: 'og:image:alt', content: title } },
    { tag: 'meta', attrs: { name: 'twitter:title', content: title } },
    { tag: 'meta', attrs: { name: 'twitter:description', content: description } },
    { tag: 'meta', attrs: { name: 'twitter:image', content: imageUrl } },
  );
  if (route.toc && entry.body) {
    const page = `${entry.id}/`;
    const prefix = context.locals.t('island.tocPrefix' as never) as string;
    const onPage = ISLANDS.filter((island) => island.page === page);
    addLiveSections(route.toc.items, entry.body, route.headings, onPage, (island) => `${prefix}${island.strings['zh-CN'].title}`);
  }
  if (entry.id === '404') return;
  const modified = route.lastUpdated?.toISOString();
  for (const data of structuredData({
    url,
    homeUrl,
    siteTitle,
    title,
    description,
    imageUrl,
    modified,
    chapter: entry.data.chapter,
    faq: entry.data.faq,
  })) {
    head.push({ tag: 'script', attrs: { type: 'application/ld+json' }, content: serializeJsonLd(data) });
  }
});
