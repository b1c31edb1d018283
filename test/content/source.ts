import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

/** The client's source text lives beside the project, in ../shared. */
export const SEED_PATH = join(process.cwd(), '..', 'shared', 'seed', '000_1b9b8ca0967339c8.txt');
export const CHAPTER_DIR = join(process.cwd(), 'content', 'docs', 'chapters');

export interface SourceChapter {
  number: number;
  title: string;
  /** `###` and `####` headings of the chapter, with their source level. */
  headings: { level: 3 | 4; text: string }[];
  /** Code blocks of the chapter, as their lines. */
  codeBlocks: string[][];
}

export function readSource(): SourceChapter[] {
  const chapters: SourceChapter[] = [];
  let inCode = false;
  let block: string[] = [];
  for (const line of readFileSync(SEED_PATH, 'utf8').split('\n')) {
    const current = chapters.at(-1);
    if (line.startsWith('```')) {
      if (inCode && current) current.codeBlocks.push(block);
      inCode = !inCode;
      block = [];
      continue;
    }
    if (inCode) {
      block.push(line);
      continue;
    }
    const chapter = /^## (\d+)\. (.+)$/.exec(line);
    if (chapter) {
      chapters.push({ number: Number(chapter[1]), title: chapter[2]!.trim(), headings: [], codeBlocks: [] });
      continue;
    }
    const heading = /^(###|####) (.+)$/.exec(line);
    if (heading && current) current.headings.push({ level: heading[1]!.length as 3 | 4, text: heading[2]!.trim() });
  }
  return chapters;
}

export interface ChapterFile {
  file: string;
  frontmatter: Record<string, unknown>;
  body: string;
  /** Markdown headings outside code fences, with their level. */
  headings: { level: number; text: string }[];
}

export function readChapterFiles(): ChapterFile[] {
  return readdirSync(CHAPTER_DIR)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(CHAPTER_DIR, name), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`${name}: no frontmatter`);
      const body = match[2]!;
      const headings: { level: number; text: string }[] = [];
      let inCode = false;
      for (const line of body.split('\n')) {
        if (/^\s*```/.test(line)) inCode = !inCode;
        const heading = !inCode && /^(#{1,6}) (.+)$/.exec(line);
        if (heading) headings.push({ level: heading[1]!.length, text: heading[2]!.trim() });
      }
      return { file: name, frontmatter: yaml.load(match[1]!) as Record<string, unknown>, body, headings };
    });
}
