import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import {
  HEIGHT,
  SITE_TITLE,
  SUBTITLE,
  WIDTH,
  breakLines,
  cardText,
  collectPages,
  generateOgImages,
  missingChars,
  parseFrontmatter,
  renderOgImage,
  renderOgSvg,
  shapeChar,
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
      expect(await missingChars(title)).toEqual(['β', '🚀']); // ₁ → 1 and 𝒙 → x by NFKC; ∑ is in the font
      expect(await missingChars('核心算法原理 & 具体操作步骤')).toEqual([]);
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
    async () => {
      const maxWidth = (1040 * 1000) / 76; // font units at 76 px
      const lines = await breakLines('项目实战：代码实际案例和详细解释说明', 700, maxWidth, 2);
      expect(lines?.map((l) => l.units.map((u) => u.text).join(''))).toEqual(['项目实战：', '代码实际案例和详细解释说明']);
      const long = await breakLines('数学模型和公式 & 详细讲解 & 举例说明', 700, maxWidth, 3);
      expect(long?.map((l) => l.units.map((u) => u.text).join(''))).toEqual(['数学模型和公式 &', '详细讲解 & 举例说明']);
      for (const line of long ?? []) expect(line.width).toBeLessThanOrEqual(maxWidth);
      // Closing punctuation never starts a line.
      const narrow = await breakLines('一二三四五，六七八九十。', 700, 5000, 4);
      for (const line of narrow ?? []) expect('，。').not.toContain(line.units[0]?.text ?? '');
      expect(await breakLines('一二三四五六七八九十', 700, 2000, 2)).toBeNull();
    },
    SLOW,
  );
});

type Commands = Awaited<ReturnType<typeof shapeChar>>['glyphs'][number]['path']['commands'];

/** Area enclosed by an outline, taking control points as polygon vertices (enough to compare weights). */
function outlineArea(commands: Commands) {
  let area = 0;
  let start: [number, number] = [0, 0];
  let last: [number, number] = [0, 0];
  const to = (x: number, y: number) => {
    area += last[0] * y - x * last[1];
    last = [x, y];
  };
  for (const c of commands) {
    if (c.command === 'moveTo') start = last = [c.args[0] ?? 0, c.args[1] ?? 0];
    else if (c.command === 'closePath') to(...start);
    else for (let i = 0; i + 1 < c.args.length; i += 2) to(c.args[i] ?? 0, c.args[i + 1] ?? 0);
  }
  return Math.abs(area / 2);
}

describe('Open Graph glyphs (Noto Sans SC via wawoff2 and fontkit)', () => {
  it(
    'has outlines for every character of every page title, the site title and the subtitle',
    async () => {
      const pages = await collectPages(contentDir);
      expect(pages.length).toBeGreaterThan(0);
      const texts = [SITE_TITLE, SUBTITLE, ...pages.map((p) => cardText({ title: p.title }).title)];
      const chars = [...new Set(texts.flatMap((t) => Array.from(t)))].filter((c) => c.trim() !== '');
      expect(chars.length).toBeGreaterThan(50);
      for (const weight of [400, 500, 700]) {
        for (const c of chars) {
          const shaped = await shapeChar(c, weight);
          expect(shaped.missing, `${c} at ${weight}`).toBe(false);
          expect(shaped.glyphs.length).toBeGreaterThan(0);
          for (const g of shaped.glyphs) expect(g.path.commands.length, `${c} at ${weight}`).toBeGreaterThan(3);
          expect(shaped.advance).toBeGreaterThan(0);
        }
      }
      for (const t of texts) expect(await missingChars(t)).toEqual([]);
    },
    SLOW,
  );

  it(
    'gives the outlines and advances of an independent WOFF2 decoder at each weight',
    async () => {
      // Recorded from the hand-written WOFF2 decoder + fontkitten that this renderer used before
      // (commit 90fb1ec); the two agreed on all 14,801 glyphs of the font at weights 100–900.
      const reference = [
        { ch: '章', weight: 400, advance: 1000, count: 60, first: [47, 104], sha: '3ed5da3f2ddbcaf5' },
        { ch: '章', weight: 700, advance: 1000, count: 60, first: [44, 109], sha: 'fe2c893b8839d010' },
        { ch: '学', weight: 500, advance: 1000, count: 72, first: [230, 505], sha: '13740224733c179e' },
        { ch: 'A', weight: 700, advance: 641.08252, count: 18, first: [-4, 0], sha: 'f91152816d0ab8b2' },
        { ch: '&', weight: 700, advance: 739.56445, count: 52, first: [272, -14], sha: '67dab407af98e1de' },
        { ch: '？', weight: 400, advance: 1000, count: 35, first: [195, 242], sha: '27dcac51a7426d2c' },
      ];
      for (const r of reference) {
        const shaped = await shapeChar(r.ch, r.weight);
        const commands = shaped.glyphs[0]?.path.commands ?? [];
        expect(shaped.advance).toBeCloseTo(r.advance, 4);
        expect(commands).toHaveLength(r.count);
        expect(commands[0]).toMatchObject({ command: 'moveTo', args: r.first });
        const plain = commands.map((c) => ({ command: c.command, args: [...c.args] }));
        expect(createHash('sha256').update(JSON.stringify(plain)).digest('hex').slice(0, 16), `${r.ch} at ${r.weight}`).toBe(r.sha);
      }
      // Bolder means more ink: the weight axis really is applied.
      const areas = await Promise.all(
        [100, 400, 500, 700, 900].map(async (w) => outlineArea((await shapeChar('章', w)).glyphs[0]?.path.commands ?? [])),
      );
      for (let i = 1; i < areas.length; i++) expect(areas[i]).toBeGreaterThan((areas[i - 1] ?? 0) * 1.05);
    },
    SLOW,
  );

  it('draws text as outlines only, never as SVG text (which would need a system font)', async () => {
    const svg = await renderOgSvg({ title: '第 4 章 数学模型和公式 & 详细讲解 & 举例说明', chapter: 4 });
    expect(svg).not.toMatch(/<text|font-family/);
    expect(svg.match(/<path fill="#ffffff" d="M/g)?.length).toBe(2); // badge and title
  });
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
