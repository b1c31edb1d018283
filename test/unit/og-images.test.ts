import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import {
  HEIGHT,
  SITE_TITLE,
  WIDTH,
  breakLines,
  cardText,
  collectPages,
  generateOgImages,
  missingChars,
  parseFrontmatter,
  renderOgImage,
} from '../../scripts/og-images.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const contentDir = join(root, 'content', 'docs');
const SLOW = 60_000;

/** Reads a PNG written by the renderer: IHDR fields and the RGB pixels (rows use filter 0). */
function readPng(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const bitDepth = png[24];
  const colourType = png[25];
  const idat: Buffer[] = [];
  for (let pos = 8; pos < png.length; ) {
    const length = png.readUInt32BE(pos);
    if (png.toString('latin1', pos + 4, pos + 8) === 'IDAT') idat.push(png.subarray(pos + 8, pos + 8 + length));
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = 1 + width * 3;
  expect(raw.length).toBe(height * stride);
  const rgb = (x: number, y: number) => {
    const o = y * stride + 1 + x * 3;
    return [raw[o] ?? 0, raw[o + 1] ?? 0, raw[o + 2] ?? 0] as const;
  };
  const filters = new Set(Array.from({ length: height }, (_, y) => raw[y * stride]));
  return { width, height, bitDepth, colourType, rgb, filters };
}

/** Count of near-white pixels (title text) in a box. */
function whitePixels(img: ReturnType<typeof readPng>, x0: number, y0: number, x1: number, y1: number) {
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const [r, g, b] = img.rgb(x, y);
      if (r > 235 && g > 235 && b > 235) count++;
    }
  }
  return count;
}

async function mdxFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.mdx')).map((e) => join(e.parentPath, e.name));
}

describe('Open Graph image renderer', () => {
  it(
    'draws a 1200×630 opaque RGB PNG with the title in white',
    async () => {
      const png = await renderOgImage({ title: '第 3 章 核心算法原理 & 具体操作步骤', chapter: 3 });
      const img = readPng(png);
      expect([img.width, img.height]).toEqual([1200, 630]);
      expect([WIDTH, HEIGHT]).toEqual([1200, 630]);
      expect(img.bitDepth).toBe(8);
      expect(img.colourType).toBe(2);
      expect(img.filters).toEqual(new Set([0]));
      // Dark navy corner, white title text in the band below the badge.
      const [r, g, b] = img.rgb(5, 5);
      expect(Math.max(r, g, b)).toBeLessThan(60);
      expect(b).toBeGreaterThan(r);
      expect(whitePixels(img, 80, 230, 1120, 520)).toBeGreaterThan(5_000);
      // A PNG for link previews should stay small.
      expect(png.length).toBeLessThan(300_000);
    },
    SLOW,
  );

  it(
    'is deterministic, and different titles give different images',
    async () => {
      const input = { title: '第 5 章 项目实战：代码实际案例和详细解释说明', chapter: 5 };
      const a = await renderOgImage(input);
      const b = await renderOgImage({ ...input });
      expect(b.equals(a)).toBe(true);
      const c = await renderOgImage({ title: '第 6 章 实际应用场景', chapter: 6 });
      expect(c.equals(a)).toBe(false);
    },
    SLOW,
  );

  it(
    'draws characters that the font lacks as boxes, without failing',
    async () => {
      const title = 'Adam 优化器 β₁ 🚀 𝒙 ∑ 学习率';
      expect(missingChars(title)).toEqual(['β', '🚀']); // ₁ → 1 and 𝒙 → x by NFKC; ∑ is in the font
      expect(missingChars('核心算法原理 & 具体操作步骤')).toEqual([]);
      const img = readPng(await renderOgImage({ title, chapter: 9 }));
      expect([img.width, img.height]).toEqual([1200, 630]);
      expect(whitePixels(img, 80, 230, 1120, 520)).toBeGreaterThan(3_000);
      const onlyMissing = readPng(await renderOgImage({ title: '🚀🛸', siteTitle: '🧪' }));
      expect([onlyMissing.width, onlyMissing.height]).toEqual([1200, 630]);
      const empty = readPng(await renderOgImage({ title: '' }));
      expect([empty.width, empty.height]).toEqual([1200, 630]);
    },
    SLOW,
  );

  it('moves a leading "第 N 章" into the badge and marks the landing card', () => {
    expect(cardText({ title: '第 3 章 核心算法原理 & 具体操作步骤', chapter: 3 })).toMatchObject({
      title: '核心算法原理 & 具体操作步骤',
      badge: '第 3 章',
      landing: false,
    });
    expect(cardText({ title: '第 10 章 扩展阅读 & 参考资料' })).toMatchObject({ title: '扩展阅读 & 参考资料', chapter: 10, badge: '第 10 章' });
    expect(cardText({ title: SITE_TITLE })).toMatchObject({ title: SITE_TITLE, badge: '导读', landing: true });
    expect(cardText({ title: '页面不存在' })).toMatchObject({ title: '页面不存在', badge: '', landing: false });
  });

  it(
    'breaks Chinese titles at punctuation rather than inside words, within the width',
    () => {
      const maxWidth = (1040 * 1000) / 76; // font units at 76 px
      const lines = breakLines('项目实战：代码实际案例和详细解释说明', 700, maxWidth, 2);
      expect(lines?.map((l) => l.units.map((u) => u.text).join(''))).toEqual(['项目实战：', '代码实际案例和详细解释说明']);
      const long = breakLines('数学模型和公式 & 详细讲解 & 举例说明', 700, maxWidth, 3);
      expect(long?.map((l) => l.units.map((u) => u.text).join(''))).toEqual(['数学模型和公式 &', '详细讲解 & 举例说明']);
      for (const line of long ?? []) expect(line.width).toBeLessThanOrEqual(maxWidth);
      // Closing punctuation never starts a line.
      const narrow = breakLines('一二三四五，六七八九十。', 700, 5000, 4);
      for (const line of narrow ?? []) expect('，。').not.toContain(line.units[0]?.text ?? '');
      expect(breakLines('一二三四五六七八九十', 700, 2000, 2)).toBeNull();
    },
    SLOW,
  );
});

describe('Open Graph pages', () => {
  it('reads YAML frontmatter', () => {
    expect(parseFrontmatter('---\ntitle: "第 1 章 背景介绍"\nchapter: 1\n---\n\n# x')).toEqual({ title: '第 1 章 背景介绍', chapter: 1 });
    expect(parseFrontmatter('no frontmatter')).toEqual({});
  });

  it('finds every page of a content folder with its slug, title and chapter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'og-pages-'));
    try {
      await mkdir(join(dir, 'chapters'), { recursive: true });
      await writeFile(join(dir, 'index.mdx'), `---\ntitle: ${SITE_TITLE}\ndescription: 导读\n---\n正文`);
      await writeFile(join(dir, 'chapters', '03-algorithms.mdx'), '---\ntitle: 第 3 章 核心算法原理 & 具体操作步骤\nchapter: 3\nsidebar:\n  order: 3\n---\n');
      await writeFile(join(dir, 'chapters', 'notes.txt'), 'not a page');
      const pages = await collectPages(dir);
      expect(pages.map(({ slug, title, chapter }) => ({ slug, title, chapter }))).toEqual([
        { slug: 'chapters/03-algorithms', title: '第 3 章 核心算法原理 & 具体操作步骤', chapter: 3 },
        { slug: 'index', title: SITE_TITLE, chapter: undefined },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds every page of content/docs', async () => {
    const files = await mdxFiles(contentDir);
    const pages = await collectPages(contentDir);
    const slugs = files.map((f) => relative(contentDir, f).replace(/\.mdx$/, '').split(sep).join('/')).sort();
    expect(pages.map((p) => p.slug).sort()).toEqual(slugs);
    for (const page of pages) {
      const data = parseFrontmatter(await readFile(page.file, 'utf8'));
      expect(page.title).toBe(String(data.title));
      if (page.slug.startsWith('chapters/')) expect(page.chapter).toBe(Number(page.slug.slice(9, 11)));
    }
  });

  it(
    'writes public/og/<slug>.png once and redraws only what changed',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'og-gen-'));
      const content = join(dir, 'docs');
      const out = join(dir, 'og');
      try {
        await mkdir(join(content, 'chapters'), { recursive: true });
        await writeFile(join(content, 'index.mdx'), `---\ntitle: ${SITE_TITLE}\n---\n`);
        await writeFile(join(content, 'chapters', '01-background.mdx'), '---\ntitle: 第 1 章 背景介绍\nchapter: 1\n---\n');
        await writeFile(join(content, 'chapters', '02-concepts.mdx'), '---\ntitle: 第 2 章 核心概念与联系\nchapter: 2\n---\n');

        const first = await generateOgImages({ contentDir: content, outDir: out });
        expect(first.written.sort()).toEqual(['chapters/01-background', 'chapters/02-concepts', 'index']);
        for (const slug of first.written) {
          const img = readPng(await readFile(join(out, `${slug}.png`)));
          expect([img.width, img.height]).toEqual([1200, 630]);
        }

        const second = await generateOgImages({ contentDir: content, outDir: out });
        expect(second.written).toEqual([]);
        expect(second.skipped).toHaveLength(3);

        // Body text changes do not matter; title changes do; a deleted page loses its image.
        await writeFile(join(content, 'chapters', '01-background.mdx'), '---\ntitle: 第 1 章 背景介绍\nchapter: 1\n---\n新的正文');
        await writeFile(join(content, 'chapters', '02-concepts.mdx'), '---\ntitle: 第 2 章 核心概念\nchapter: 2\n---\n');
        await writeFile(join(content, 'chapters', '03-x.mdx'), '---\ntitle: 第 3 章 新章\nchapter: 3\n---\n');
        await rm(join(content, 'index.mdx'));
        const third = await generateOgImages({ contentDir: content, outDir: out });
        expect(third.written.sort()).toEqual(['chapters/02-concepts', 'chapters/03-x']);
        expect(third.removed).toEqual(['index']);
        expect(existsSync(join(out, 'index.png'))).toBe(false);

        // A lost PNG is redrawn even though the manifest knows it.
        await rm(join(out, 'chapters', '03-x.png'));
        expect((await generateOgImages({ contentDir: content, outDir: out })).written).toEqual(['chapters/03-x']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
