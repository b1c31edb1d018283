import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProseLine } from './prose';

export const GLOSSARY_PATH = join(process.cwd(), 'docs-internal', 'GLOSSARY.md');

export interface GlossaryRow {
  concept: string;
  /** Forms we write; those containing a banned variant are allowed glosses. */
  accepted: string[];
  banned: string[];
}

const backticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

/** The table under the `## 用词表` heading: 概念 | 用词 | 禁用 | 说明. */
export function parseGlossary(markdown: string): GlossaryRow[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => /^##\s+用词表\s*$/.test(line));
  if (start < 0) throw new Error('GLOSSARY.md: no "## 用词表" section');
  const rows: GlossaryRow[] = [];
  let seenTable = false;
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('|')) {
      if (seenTable) break;
      continue;
    }
    seenTable = true;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.length !== 4) throw new Error(`GLOSSARY.md: a row needs 4 cells: ${line}`);
    const [concept = '', accepted = '', banned = ''] = cells;
    if (concept === '概念' || /^-+$/.test(concept)) continue;
    rows.push({ concept, accepted: backticked(accepted), banned: backticked(banned) });
  }
  return rows;
}

export function readGlossary(): GlossaryRow[] {
  return parseGlossary(readFileSync(GLOSSARY_PATH, 'utf8'));
}

export interface Finding {
  where: string;
  variant: string;
  excerpt: string;
}

/** Banned variants in the given prose, after the allowed glosses have been blanked out. */
export function findBannedVariants(rows: readonly GlossaryRow[], prose: readonly ProseLine[]): Finding[] {
  const banned = rows.flatMap((row) => row.banned);
  const glosses = rows
    .flatMap((row) => row.accepted)
    .filter((form) => banned.some((variant) => form.includes(variant)))
    .sort((a, b) => b.length - a.length);
  const findings: Finding[] = [];
  for (const { where, text } of prose) {
    const blanked = glosses.reduce((t, gloss) => t.split(gloss).join(' '), text);
    for (const variant of banned) {
      const at = blanked.indexOf(variant);
      if (at >= 0) findings.push({ where, variant, excerpt: blanked.slice(Math.max(0, at - 12), at + variant.length + 12) });
    }
  }
  return findings;
}

/** Every match of `pattern` (global) in the prose, with a little context. */
export function findPattern(pattern: RegExp, prose: readonly ProseLine[]): Finding[] {
  const findings: Finding[] = [];
  for (const { where, text } of prose) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index;
      findings.push({ where, variant: match[0], excerpt: text.slice(Math.max(0, at - 12), at + match[0].length + 12) });
    }
  }
  return findings;
}
