import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOutline, hashLine, parseErrata, parseSource, seedPath, serializeOutline, sharedDir } from '../../scripts/source-outline.mjs';
import { OUTLINE_PATH, parseOutline, readOutline } from './source';

const shared = sharedDir();
const haveSource = existsSync(seedPath(shared));

describe('the committed source outline (test/content/source-outline.json)', () => {
  const outline = readOutline();

  it('lists ten chapters, errata E1–E22 in order, and only SHA-256 hashes for code lines', () => {
    expect(outline.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(outline.errata.map((e) => e.id)).toEqual(Array.from({ length: 22 }, (_, i) => `E${i + 1}`));
    for (const chapter of outline.chapters) for (const block of chapter.codeBlocks) for (const hash of block.lineHashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is exactly what the script writes for its own content (stable formatting)', () => {
    expect(readFileSync(OUTLINE_PATH, 'utf8')).toBe(serializeOutline(outline));
  });

  it('rejects a malformed outline instead of testing against it', () => {
    expect(() => parseOutline('{"seed": "x", "chapters": [{"number": 1}], "errata": []}')).toThrow(/chapters/);
  });
});

describe('scripts/source-outline.mjs', () => {
  it('finds chapters, headings and code blocks, never headings inside code, and hashes trimmed lines', () => {
    const text = ['# Title', '## 1. 第一章', '### 1.1 节', '```python', '## 2. not a chapter', '  x = 1  ', '', '```', '#### 1.1.1 小节', '## 2. 第二章'].join('\n');
    expect(parseSource(text)).toEqual([
      { number: 1, title: '第一章', headings: [{ level: 3, text: '1.1 节' }, { level: 4, text: '1.1.1 小节' }], codeBlocks: [{ lang: 'python', lineHashes: [hashLine('## 2. not a chapter'), hashLine('x = 1')] }] },
      { number: 2, title: '第二章', headings: [], codeBlocks: [] },
    ]);
    // FIPS 180-2's test vector: SHA-256("abc").
    expect(hashLine('  abc\t')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reads the errata table: id, section and the chapter the section belongs to', () => {
    const text = ['| # | where | says | right |', '|---|---|---|---|', '| E4 | 3.2.1–3.2.2 | a | b |', '| E13 | 5.2.2 / 5.3 | a | b |'].join('\n');
    expect(parseErrata(text)).toEqual([
      { id: 'E4', section: '3.2.1–3.2.2', chapter: 3 },
      { id: 'E13', section: '5.2.2 / 5.3', chapter: 5 },
    ]);
  });

  const regenerate = 'regenerates the committed outline from the source and errata in the shared folder';
  const why = haveSource ? '' : ` (skipped: no source at ${seedPath(shared)}; set GUIDE_SHARED_DIR to the shared folder)`;
  it.skipIf(!haveSource)(`${regenerate}${why}`, () => {
    // If this fails, the source or the errata changed: run `node scripts/source-outline.mjs` and commit the result.
    expect(buildOutline(shared)).toEqual(readOutline());
  });
});
