import { describe, expect, it } from 'vitest';
import { findBannedVariants, findPattern, parseGlossary, readGlossary } from './glossary';
import { CJK, proseOf, proseOfBody } from './prose';
import { parseMdx, readAllPages } from './source';

const rows = readGlossary();
const pages = readAllPages();
const cases = pages.map((page) => [page.file, proseOf(page)] as const);

/** ASCII punctuation that must not sit between two CJK characters. */
const ASCII_COMMA = new RegExp(`${CJK}\\s*,\\s*${CJK}`, 'g');
const ASCII_STOPS = new RegExp(`${CJK}\\s*[:;?!]\\s*${CJK}`, 'g');
const ASCII_PARENS = new RegExp(`${CJK}\\s*[()]|[()]\\s*${CJK}`, 'g');
/** A numeric range written with an em dash, a hyphen, or a spaced en dash. */
const BAD_RANGE = /\d\s*—\s*\d|\d\s+–\s*\d|\d\s*–\s+\d|(?<![\w.])\d+(?:\.\d+)*-\d/g;

describe('the glossary (docs-internal/GLOSSARY.md)', () => {
  it('has a machine-readable table with one term per concept and its banned variants', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(row.accepted.length, row.concept).toBeGreaterThan(0);
      for (const variant of row.banned) expect(row.accepted, `${row.concept}: ${variant} is both used and banned`).not.toContain(variant);
    }
  });

  it('records the decisions of the "one terminology" issue', () => {
    const banned = rows.flatMap((r) => r.banned);
    const accepted = rows.flatMap((r) => r.accepted);
    for (const variant of ['epoch', '批大小', '权值共享', '正例', 'KiB', 'Kingma 和 Ba', '时延']) expect(banned).toContain(variant);
    for (const term of ['轮（epoch）', '批量大小', '权重共享', '步幅', '正类', 'KB', 'Kingma 与 Ba']) expect(accepted).toContain(term);
  });

  it('parses cells by their backticked forms and stops at the end of the table', () => {
    const parsed = parseGlossary(
      ['# x', '## 用词表', '', '| 概念 | 用词 | 禁用 | 说明 |', '|---|---|---|---|', '| a | `甲`、`甲（a）` | `a`、`A` | `not read` |', '| b | `乙` | — | |', '', '| c | `丙` | `c` | |'].join('\n'),
    );
    expect(parsed).toEqual([
      { concept: 'a', accepted: ['甲', '甲（a）'], banned: ['a', 'A'] },
      { concept: 'b', accepted: ['乙'], banned: [] },
    ]);
  });
});

describe('the prose checker', () => {
  const sample = parseMdx(
    'sample.mdx',
    [
      '---',
      'title: t',
      'description: 训练 5 个 epoch。',
      '---',
      'import X from "x";',
      '',
      '一轮（epoch）之后，`epochs=5` 与 $\\text{epoch}$ 都不算。',
      '',
      '```python',
      'for epoch in range(5):  # 批大小',
      '```',
      '',
      '$$',
      '\\text{批大小}',
      '$$',
      '',
      '<Erratum id="E1" section="1" source="原文写作批大小">这一轮的批大小是 64。</Erratum>',
      '<LinkCard title="第 3 章" description="讲 epoch 与轮" />',
      '见[第 3 章](/chapters/03-algorithms/)第 3.1 节。',
    ].join('\n'),
  );
  const prose = proseOf(sample);

  it('reads prose, frontmatter and visible attributes, but not code, math, quoted sources or allowed glosses', () => {
    const findings = findBannedVariants(rows, prose).map((f) => `${f.where}: ${f.variant}`);
    expect(findings).toEqual(['frontmatter description: epoch', 'line 17: 批大小', 'line 18: epoch']);
  });

  it('keeps link text and drops the link target, so a URL never sits next to Chinese text', () => {
    expect(proseOfBody(sample.body).at(-1)?.text).toBe('见第 3 章第 3.1 节。');
    expect(findPattern(ASCII_PARENS, prose)).toEqual([]);
  });

  it('flags ASCII punctuation between Chinese characters and bad numeric ranges', () => {
    const bad = [{ where: 'x', text: '形状为（样本数, 高）：第 3—5 章，2-5 个，3 – 4 次；见(附录)' }];
    expect(findPattern(ASCII_COMMA, bad).map((f) => f.variant)).toEqual(['数, 高']);
    expect(findPattern(BAD_RANGE, bad).map((f) => f.variant)).toEqual(['3—5', '2-5', '3 – 4']);
    expect(findPattern(ASCII_PARENS, bad).map((f) => f.variant)).toEqual(['见(', '录)']);
    const good = [{ where: 'x', text: '第 3–5 章，LeNet-5 与 GPT-3，（样本数，高），2.1–2.7 节——破折号' }];
    expect([...findPattern(ASCII_COMMA, good), ...findPattern(BAD_RANGE, good), ...findPattern(ASCII_PARENS, good)]).toEqual([]);
  });
});

describe('the chapters speak one terminology', () => {
  it.each(cases)('%s uses no banned variant of the glossary', (_, prose) => {
    expect(findBannedVariants(rows, prose)).toEqual([]);
  });

  it.each(cases)('%s has no ASCII comma between Chinese characters', (_, prose) => {
    expect(findPattern(ASCII_COMMA, prose)).toEqual([]);
  });

  it.each(cases)('%s has no ASCII colon, semicolon, question or exclamation mark between Chinese characters', (_, prose) => {
    expect(findPattern(ASCII_STOPS, prose)).toEqual([]);
  });

  it.each(cases)('%s has no ASCII parenthesis next to Chinese text', (_, prose) => {
    expect(findPattern(ASCII_PARENS, prose)).toEqual([]);
  });

  it.each(cases)('%s writes numeric ranges with an en dash and no spaces', (_, prose) => {
    expect(findPattern(BAD_RANGE, prose)).toEqual([]);
  });
});
