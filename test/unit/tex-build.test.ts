import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { rehypeTex } from '../../scripts/rehype-tex.mjs';
import { collectFormulaCodePoints, fontCodePoints, splitFont, unicodeRange } from '../../scripts/katex-font-split.mjs';

const toHtml = async (markdown: string) =>
  String(await unified().use(remarkParse).use(remarkMath).use(remarkRehype).use(rehypeTex()).use(rehypeStringify).process(markdown));

describe('rehype-tex: the closing mark after an inline formula', () => {
  it('ties a short formula to the "。" after it, so the mark never starts a line', async () => {
    const html = await toHtml('等于 $P(B \\mid A)P(A)$。在推断问题里');
    expect(html).toMatch(/<span class="tex-nowrap"><span class="katex"[^]*<\/span>。<\/span>在推断问题里/);
  });

  it('leaves a long formula free to break inside, and a formula with no mark after it alone', async () => {
    const long = await toHtml('即 $a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 + a_9$。');
    expect(long).not.toContain('tex-nowrap');
    const plain = await toHtml('令 $x$ 为输入');
    expect(plain).not.toContain('tex-nowrap');
  });
});

const katexFont = (face: string) => {
  const dir = join(createRequire(import.meta.url).resolve('katex/package.json'), '..', 'dist', 'fonts');
  return readFileSync(join(dir, `${face}.woff2`));
};
const codePointsOf = (bytes: Buffer) => new Set(fontCodePoints(bytes));

describe('KaTeX font split', () => {
  it('writes code points as a CSS unicode-range, consecutive ones as ranges', () => {
    expect(unicodeRange([0x41, 0x20, 0x21, 0x22, 0x3c3, 0x41])).toBe('U+20-22,U+41,U+3C3');
  });

  it('collects what KaTeX draws, not its labels or the text around it', () => {
    const html = '<p>文字 <span class="katex" role="img" aria-label="\\sigma"><span class="katex-html" aria-hidden="true"><span>σ</span></span></span> 后</p>';
    expect([...collectFormulaCodePoints(html, new Set())]).toEqual([0x3c3]);
  });

  it('splits a font into the wanted glyphs and the rest, losing none and sharing none', async () => {
    const whole = katexFont('KaTeX_Main-Regular');
    const wanted = new Set([...'0123456789+=()xσ→'].map((c) => c.codePointAt(0)!));
    const parts = await splitFont(whole, wanted);
    expect(parts).not.toBeNull();
    const used = codePointsOf(parts!.core.bytes);
    const rest = codePointsOf(parts!.rest.bytes);
    const all = codePointsOf(whole);
    expect([...used].sort()).toEqual([...all].filter((cp) => wanted.has(cp)).sort());
    expect([...used].filter((cp) => rest.has(cp))).toEqual([]);
    expect(new Set([...used, ...rest])).toEqual(all);
    expect(parts!.core.bytes.length).toBeLessThan(whole.length / 2);
  });

  it('leaves a font whole when the site needs all of it or none of it', async () => {
    const whole = katexFont('KaTeX_Size4-Regular');
    expect(await splitFont(whole, codePointsOf(whole))).toBeNull();
    expect(await splitFont(whole, new Set())).toBeNull();
  });
});
