import type { ChapterFile } from './source';

/** One line of reader-visible prose, with where it came from (for failure messages). */
export interface ProseLine {
  where: string;
  text: string;
}

/**
 * Stands in for removed code and math, so text on both sides of `$x$` never runs together
 * into a false match and a CJK character is never made adjacent to punctuation.
 */
const HOLE = '\u2063';

const JSX_TAG = /<\/?[A-Za-z][\w.]*(?:\s+[\w:-]+(?:=(?:"[^"]*"|'[^']*'|\{[^}]*\}))?)*\s*\/?>/g;
/** Attributes whose text the reader sees (a LinkCard's title and description); others, like an erratum's `source` quote, are not ours to word. */
const VISIBLE_ATTRIBUTE = /\b(?:title|description)="([^"]*)"/g;

const visibleAttributes = (tag: string): string =>
  [...tag.matchAll(VISIBLE_ATTRIBUTE)].map((m) => `${HOLE}${m[1] ?? ''}`).join('') + HOLE;

/**
 * The prose of an MDX body, line by line: fenced code, display and inline math, inline code,
 * import lines and JSX/HTML tags are removed, keeping only the text of visible attributes
 * (`title`, `description`), so an erratum's quote of the source is never checked; links keep
 * their text; emphasis markers are dropped.
 */
export function proseOfBody(body: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  let displayMath = false;
  body.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (fence !== null) {
      if (trimmed.startsWith(fence)) fence = null;
      return;
    }
    const opening = /^(`{3,}|~{3,})/.exec(trimmed);
    if (opening) {
      fence = opening[1] ?? '```';
      return;
    }
    if (displayMath) {
      if (trimmed.endsWith('$$')) displayMath = false;
      return;
    }
    if (trimmed.startsWith('$$') && (trimmed === '$$' || !trimmed.slice(2).includes('$$'))) {
      displayMath = true;
      return;
    }
    if (/^(import|export)\s/.test(trimmed)) return;
    const text = raw
      .replace(/\$\$[^$]*\$\$/g, HOLE)
      .replace(/`[^`]*`/g, HOLE)
      .replace(/(?<!\\)\$[^$]+\$/g, HOLE)
      .replace(JSX_TAG, visibleAttributes)
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\*{1,3}/g, '');
    if (text.trim() !== '') out.push({ line, text });
  });
  return out;
}

/** Frontmatter strings a reader or a search engine sees: description, hero tagline, FAQ. */
function proseOfFrontmatter(frontmatter: Record<string, unknown>): ProseLine[] {
  const out: ProseLine[] = [];
  const push = (where: string, value: unknown) => {
    if (typeof value === 'string') out.push({ where, text: value });
  };
  push('frontmatter description', frontmatter['description']);
  const hero = frontmatter['hero'];
  if (typeof hero === 'object' && hero !== null && 'tagline' in hero) push('frontmatter hero.tagline', hero.tagline);
  const faq = frontmatter['faq'];
  if (Array.isArray(faq)) {
    faq.forEach((entry: unknown, i) => {
      if (typeof entry !== 'object' || entry === null) return;
      if ('question' in entry) push(`frontmatter faq[${i}].question`, entry.question);
      if ('answer' in entry) push(`frontmatter faq[${i}].answer`, entry.answer);
    });
  }
  return out;
}

/** All prose of a page: frontmatter strings first, then the body's lines (with their line number in the file). */
export function proseOf(page: ChapterFile): ProseLine[] {
  return [
    ...proseOfFrontmatter(page.frontmatter),
    ...proseOfBody(page.body).map(({ line, text }) => ({ where: `line ${line + page.firstBodyLine - 1}`, text })),
  ];
}

/** CJK ideographs (the basic block and extension A). */
export const CJK = '[\\u3400-\\u4dbf\\u4e00-\\u9fff]';
