/**
 * Re-ranking of Pagefind's results for Chinese queries.
 *
 * Pagefind splits a Chinese query into short words (反向传播 → 反向 | 传播, 前向传播 → 前 | 向 |
 * 传播) and scores each word on its own, so common words such as 模型, 传播 or 率 decide which
 * sections it shows, and the section named after the query loses. Here a page's sections are
 * ranked by how their heading matches the whole query, then by how often the query occurs as
 * a phrase (consecutive words), and excerpts are cut around that phrase.
 *
 * Pure functions over Pagefind's fragment data: no DOM, no fetching.
 */
import { excerptHtml } from './excerpt';
import { findPhrases, splitWords, squash } from './words';

/** An element with an id, at a word position of the page, as Pagefind records it. */
export interface PageAnchor {
  readonly element: string;
  readonly id: string;
  readonly text?: string | undefined;
  readonly title?: string | undefined;
  readonly location: number;
}

/** The parts of a Pagefind fragment that the ranking reads. */
export interface PageText {
  readonly url: string;
  readonly title: string;
  /** Pagefind's `raw_content`: the page's words, `<` and `>` escaped; on CJK pages delimited by U+200B. */
  readonly rawContent: string;
  readonly anchors: readonly PageAnchor[];
}

export interface RankedSection {
  readonly title: string;
  readonly url: string;
  /** Word positions of the matches inside this section. */
  readonly locations: number[];
  /** HTML: escaped text with the matches in `<mark>`. */
  readonly excerpt: string;
  /** The page's own region: its title and the text before the first heading. */
  readonly isRoot: boolean;
}

export interface RankedPage {
  /** The best heading grade of the page (see `headingGrade`). */
  readonly grade: number;
  /** How many times the query occurs as a phrase. */
  readonly phrases: number;
  /** What to show: the page's own region first when it matches, then up to three sections, best first. */
  readonly sections: RankedSection[];
}

const SHOWN_SECTIONS = 3;
/** Level given to anchors that are not headings (elements with a Pagefind title). */
const NON_HEADING_LEVEL = 7;

/**
 * A heading without its number: "3.1.4 反向传播" → "反向传播", "第 8 章 总结" → "总结". A bare
 * number stays ("2024 年展望"): only dotted section numbers and chapter numbers are dropped.
 */
export function stripNumbering(title: string): string {
  return title.replace(/^\s*(?:第\s*\d+\s*章\s*|\d+(?:\.\d+)+\.?\s+)/u, '');
}

/**
 * How a heading matches the query: 3 it is the query, 2 it contains the query, 1 it contains
 * every space-separated part of a query of several parts, 0 otherwise.
 */
export function headingGrade(title: string, query: string): number {
  const key = squash(query);
  if (!key) return 0;
  const heading = squash(stripNumbering(title));
  if (heading === key) return 3;
  if (heading.includes(key)) return 2;
  const parts = query.split(/\s+/u).map(squash).filter((part) => part.length > 0);
  return parts.length > 1 && parts.every((part) => heading.includes(part)) ? 1 : 0;
}

/** Returns `url` with `#id`, encoded as the browser would, keeping a relative URL relative. */
export function withHash(url: string, id: string): string {
  const origin = 'https://pagefind.invalid';
  const absolute = /^(?:https?:)?\/\//u.test(url);
  const parsed = new URL(url, `${origin}/`);
  parsed.hash = id;
  return absolute ? parsed.toString() : parsed.toString().slice(origin.length);
}

/** Pages in the order to show them: best heading grade, then pages holding the phrase, then Pagefind's order. */
export function pageOrder(pages: readonly Pick<RankedPage, 'grade' | 'phrases'>[]): number[] {
  // grade first: the phrase bit (0 or 1) never outweighs one grade step (2)
  const rank = (i: number): number => {
    const page = pages[i];
    return page ? page.grade * 2 + (page.phrases > 0 ? 1 : 0) : 0;
  };
  return pages.map((_, i) => i).sort((a, b) => rank(b) - rank(a) || a - b);
}

interface Region {
  title: string;
  url: string;
  level: number;
  isRoot: boolean;
  start: number;
  bodyStart: number;
  end: number;
}

interface Scored {
  region: Region;
  locations: number[];
  phrases: [number, number][];
  grade: number;
  coverage: number;
}

/** Ranks the sections of one page for `query`, given the word positions Pagefind matched on it. */
export function rankPage(page: PageText, locations: readonly number[], query: string): RankedPage {
  const { words, joiner } = splitWords(page.rawContent);
  const key = squash(query);
  const sorted = [...locations].sort((a, b) => a - b);
  const scored = pageRegions(page, words).map((region): Scored => {
    const heading = squash(stripNumbering(region.title));
    return {
      region,
      locations: sorted.filter((l) => l >= region.start && l < region.end),
      phrases: findPhrases(words, key, region.start, region.end),
      grade: headingGrade(region.title, query),
      coverage: heading.length ? key.length / heading.length : 0,
    };
  });
  const [root, ...sections] = scored;
  const shown = sections
    .filter((s) => s.locations.length > 0 || s.grade > 0)
    .sort(compareSections)
    .slice(0, SHOWN_SECTIONS);
  const withRoot = root && root.locations.length > 0 ? [root, ...shown] : shown;
  return {
    grade: Math.max(0, ...scored.map((s) => s.grade)),
    phrases: scored.reduce((sum, s) => sum + s.phrases.length, 0),
    sections: withRoot.map((s) => present(s, words, joiner)),
  };
}

function compareSections(a: Scored, b: Scored): number {
  const named = a.grade > 0 && b.grade > 0;
  return (
    b.grade - a.grade ||
    (named ? a.region.level - b.region.level || b.coverage - a.coverage : 0) ||
    b.phrases.length - a.phrases.length ||
    b.locations.length - a.locations.length ||
    a.region.start - b.region.start
  );
}

function isHeadingAnchor(anchor: PageAnchor): boolean {
  return Boolean(anchor.title?.trim()) || (/^h[1-6]$/iu.test(anchor.element) && Boolean(anchor.text?.trim()));
}

function headingLevel(element: string): number {
  const match = /^h([1-6])$/iu.exec(element);
  return match?.[1] ? Number(match[1]) : NON_HEADING_LEVEL;
}

/** The page's own region (root) followed by one region per heading, each up to the next. */
function pageRegions(page: PageText, words: readonly string[]): Region[] {
  const anchors = page.anchors.filter(isHeadingAnchor).sort((a, b) => a.location - b.location);
  const root: Region = { title: page.title, url: page.url, level: 1, isRoot: true, start: 0, bodyStart: 0, end: words.length };
  const regions: Region[] = [root];
  for (const anchor of anchors) {
    const label = (anchor.title?.trim() || anchor.text?.trim()) ?? '';
    const bodyStart = skipHeading(words, anchor.location, label);
    // The page title (h1) before any section is part of the page's own region.
    if (regions.length === 1 && headingLevel(anchor.element) === 1) {
      root.bodyStart = Math.max(root.bodyStart, bodyStart);
      continue;
    }
    regions.push({
      title: label,
      url: withHash(page.url, anchor.id),
      level: headingLevel(anchor.element),
      isRoot: false,
      start: anchor.location,
      bodyStart,
      end: words.length,
    });
  }
  for (let i = 0; i < regions.length; i++) {
    const region = regions[i];
    const next = regions[i + 1];
    if (region && next) region.end = next.start;
  }
  return regions;
}

/** The position after a heading's own words (and the ". " Pagefind puts after it), or `at` if they don't line up. */
function skipHeading(words: readonly string[], at: number, heading: string): number {
  const target = squash(heading);
  let spelled = '';
  let i = at;
  while (i < words.length && spelled.length < target.length) {
    const next = spelled + squash(words[i] ?? '');
    if (!target.startsWith(next)) return at;
    spelled = next;
    i++;
  }
  while (i < words.length && !squash(words[i] ?? '')) i++;
  return i;
}

function present(scored: Scored, words: readonly string[], joiner: string): RankedSection {
  const { region } = scored;
  const from = region.bodyStart < region.end ? region.bodyStart : region.start;
  return {
    title: region.title,
    url: region.url,
    locations: scored.locations,
    excerpt: excerptHtml(
      words,
      joiner,
      { from, to: region.end },
      scored.phrases.filter(([start]) => start >= from),
      scored.locations.filter((l) => l >= from),
    ),
    isRoot: region.isRoot,
  };
}
