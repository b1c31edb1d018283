import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ISLANDS } from '../../components/islands/registry';

/**
 * What the tests know about the source text: the committed outline written by
 * scripts/source-outline.mjs, so the suite needs nothing outside the repository.
 */
export const OUTLINE_PATH = join(process.cwd(), 'test', 'content', 'source-outline.json');
export const DOCS_DIR = join(process.cwd(), 'content', 'docs');
export const CHAPTER_DIR = join(DOCS_DIR, 'chapters');

export interface SourceChapter {
  number: number;
  title: string;
  /** `###` and `####` headings of the chapter, with their source level. */
  headings: { level: 3 | 4; text: string }[];
  /** Code blocks of the chapter: the fence's info string and the SHA-256 of each trimmed non-empty line. */
  codeBlocks: { lang: string; lineHashes: string[] }[];
}

export interface SourceErratum {
  id: string;
  /** The source's section as errata.md names it, e.g. `3.2.1–3.2.2`. */
  section: string;
  chapter: number;
}

export interface SourceOutline {
  seed: string;
  chapters: SourceChapter[];
  errata: SourceErratum[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function isHeading(v: unknown): v is SourceChapter['headings'][number] {
  return isRecord(v) && (v['level'] === 3 || v['level'] === 4) && isString(v['text']);
}

function isCodeBlock(v: unknown): v is SourceChapter['codeBlocks'][number] {
  return isRecord(v) && isString(v['lang']) && Array.isArray(v['lineHashes']) && v['lineHashes'].every((h) => isString(h) && /^[0-9a-f]{64}$/.test(h));
}

function isChapter(v: unknown): v is SourceChapter {
  return (
    isRecord(v) &&
    Number.isInteger(v['number']) &&
    isString(v['title']) &&
    Array.isArray(v['headings']) &&
    v['headings'].every(isHeading) &&
    Array.isArray(v['codeBlocks']) &&
    v['codeBlocks'].every(isCodeBlock)
  );
}

function isErratum(v: unknown): v is SourceErratum {
  return isRecord(v) && isString(v['id']) && isString(v['section']) && Number.isInteger(v['chapter']);
}

/** Parses an outline and checks its shape, so a hand-edited file fails loudly. */
export function parseOutline(text: string): SourceOutline {
  const data: unknown = JSON.parse(text);
  if (!isRecord(data) || !isString(data['seed'])) throw new Error('source outline: not an object with `seed`');
  const { chapters, errata } = data;
  if (!Array.isArray(chapters) || !chapters.every(isChapter)) throw new Error('source outline: malformed `chapters`');
  if (!Array.isArray(errata) || !errata.every(isErratum)) throw new Error('source outline: malformed `errata`');
  return { seed: data['seed'], chapters, errata };
}

export function readOutline(): SourceOutline {
  return parseOutline(readFileSync(OUTLINE_PATH, 'utf8'));
}

export interface ChapterFile {
  file: string;
  frontmatter: Record<string, unknown>;
  body: string;
  /** Line number, in the file, of the body's first line. */
  firstBodyLine: number;
  /** Markdown headings outside code fences, with their level and offset in `body`. */
  headings: { level: number; text: string; offset: number }[];
}

export function parseMdx(name: string, text: string): ChapterFile {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${name}: no frontmatter`);
  const body = match[2] ?? '';
  const headings: ChapterFile['headings'] = [];
  let inCode = false;
  let offset = 0;
  for (const line of body.split('\n')) {
    if (/^\s*```/.test(line)) inCode = !inCode;
    const heading = !inCode && /^(#{1,6}) (.+)$/.exec(line);
    if (heading) headings.push({ level: (heading[1] ?? '').length, text: (heading[2] ?? '').trim(), offset });
    offset += line.length + 1;
  }
  const frontmatter = yaml.load(match[1] ?? '');
  if (!isRecord(frontmatter)) throw new Error(`${name}: frontmatter is not a mapping`);
  const firstBodyLine = (match[1] ?? '').split('\n').length + 3;
  return { file: name, frontmatter, body, firstBodyLine, headings };
}

/** The part of a page under the heading numbered `number` (e.g. `3.2.1`), up to the next heading of the same or a higher level. */
export function sectionRange(file: ChapterFile, number: string): { start: number; end: number } | null {
  const index = file.headings.findIndex((h) => h.text.startsWith(`${number} `));
  const heading = file.headings[index];
  if (!heading) return null;
  const next = file.headings.slice(index + 1).find((h) => h.level <= heading.level);
  return { start: heading.offset, end: next?.offset ?? file.body.length };
}

/** Live-section anchors and the component that renders each (from the island registry). */
export const ISLAND_ANCHORS: Readonly<Record<string, string>> = Object.fromEntries(ISLANDS.map((island) => [island.anchor, island.component]));

/** The ten chapter pages, in file order. */
export function readChapterFiles(): ChapterFile[] {
  return readdirSync(CHAPTER_DIR)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => parseMdx(name, readFileSync(join(CHAPTER_DIR, name), 'utf8')));
}

/** Every page under content/docs (landing page, 404, chapters), named relative to it. */
export function readAllPages(): ChapterFile[] {
  return readdirSync(DOCS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => parseMdx(name, readFileSync(join(DOCS_DIR, name), 'utf8')));
}
