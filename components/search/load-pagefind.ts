/**
 * Loads Pagefind's search module for the search dialog and wraps its `search` so that results
 * come back re-ranked for Chinese queries (see ranking.ts). Pagefind's UI loads its search
 * module at run time from `${bundlePath}pagefind.js`; scripts/search-tuning.mjs points that one
 * import at `loadPagefind` when the site is built.
 */
import { pageOrder, rankPage, type PageAnchor, type RankedPage } from './ranking';
import { hanFallback } from './words';

/** How many of Pagefind's best pages are re-ranked; each costs one fragment request. */
const RERANK_DEPTH = 10;

export interface PagefindSubResult {
  title: string;
  url: string;
  locations: number[];
  excerpt: string;
}

/** The fields of a Pagefind fragment (a result's `data()`) that are read or replaced here. */
export interface PagefindFragment {
  url: string;
  content: string;
  raw_content?: string;
  meta: Record<string, string | undefined>;
  anchors: PageAnchor[];
  excerpt: string;
  locations: number[];
  sub_results: PagefindSubResult[];
}

export interface PagefindResult {
  id: string;
  score: number;
  words: number[];
  data: () => Promise<PagefindFragment>;
}

export interface PagefindResponse {
  results: PagefindResult[];
}

export type Search = (term: string, options?: object) => Promise<PagefindResponse | null>;

/** The part of Pagefind's module API that is wrapped; every other export passes through. */
export interface PagefindApi {
  search: Search;
}

function isPagefindApi(module: unknown): module is PagefindApi {
  return typeof module === 'object' && module !== null && 'search' in module && typeof module.search === 'function';
}

/** Imports Pagefind from `url` and returns its module API with a re-ranking `search`. */
export async function loadPagefind(url: string): Promise<PagefindApi> {
  const module: unknown = await import(/* @vite-ignore */ url);
  if (!isPagefindApi(module)) throw new Error(`${url} is not Pagefind's search module`);
  return { ...module, search: (term, options) => rankedSearch(module.search, term, options) };
}

/**
 * Runs Pagefind's search, retries a Chinese query that found nothing with its characters apart,
 * and reorders the best pages and each page's sections. Results keep Pagefind's shape, so
 * Pagefind's UI renders them unchanged.
 */
export async function rankedSearch(search: Search, term: string, options?: object): Promise<PagefindResponse | null> {
  let response = await search(term, options);
  const retry = response && response.results.length === 0 ? hanFallback(term) : null;
  if (retry) response = (await search(retry, options)) ?? response;
  if (!response) return response;
  const head = response.results.slice(0, RERANK_DEPTH);
  try {
    const ranked = await Promise.all(head.map(async (result) => rankResult(result, await result.data(), term)));
    const order = pageOrder(ranked.map(({ page }) => page));
    const reordered = order.flatMap((i) => ranked[i]?.result ?? []);
    return { ...response, results: [...reordered, ...response.results.slice(RERANK_DEPTH)] };
  } catch (error) {
    // Pagefind's own order is still a usable answer.
    console.error('search: re-ranking failed', error);
    return response;
  }
}

/**
 * Ranks one page and gives back a result whose `data()` holds the re-ranked sections. The
 * fragment object is Pagefind's cached one, rewritten on every search, so it is copied now.
 */
function rankResult(result: PagefindResult, fragment: PagefindFragment, term: string): { page: RankedPage; result: PagefindResult } {
  const page = rankPage(
    {
      url: fragment.url,
      title: fragment.meta['title'] ?? '',
      rawContent: fragment.raw_content ?? fragment.content,
      anchors: fragment.anchors,
    },
    result.words,
    term,
  );
  const first = page.sections[0];
  const data: PagefindFragment = {
    ...fragment,
    locations: [...result.words],
    excerpt: first?.excerpt ?? fragment.excerpt,
    // Pagefind's UI treats a first sub-result at the page's own URL as the page's excerpt.
    sub_results: page.sections.map(({ title, url, locations, excerpt }) => ({ title, url, locations, excerpt })),
  };
  return { page, result: { ...result, data: () => Promise.resolve(data) } };
}
