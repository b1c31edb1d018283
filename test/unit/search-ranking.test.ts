import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { headingGrade, pageOrder, rankPage, stripNumbering, withHash, type PageAnchor, type PageText } from '../../components/search/ranking';
import { findPhrases, hanFallback, splitWords, squash } from '../../components/search/words';
import { rankedSearch, type PagefindFragment, type PagefindResponse, type PagefindResult } from '../../components/search/load-pagefind';
import { PAGEFIND_IMPORT, isPagefindUi, patchPagefindUi, searchTuning } from '../../scripts/search-tuning.mjs';

const ZWS = '\u200B';

interface Block {
  /** A heading starting the block; absent for the page's introduction. */
  heading?: { element: string; id: string; words: string[] };
  words: string[];
}

/**
 * A page laid out as Pagefind indexes a CJK page: the h1 title, then each block's heading
 * words followed by ". ", then its text, all words joined by U+200B, and an anchor per heading.
 */
function pageOf(title: string[], blocks: Block[], url = '/chapters/03-algorithms/'): PageText {
  const words = [...title, '. '];
  const anchors: PageAnchor[] = [{ element: 'h1', id: '_top', text: title.join(''), location: 0 }];
  for (const block of blocks) {
    if (block.heading) {
      anchors.push({ element: block.heading.element, id: block.heading.id, text: block.heading.words.join(''), location: words.length });
      words.push(...block.heading.words, '. ');
    }
    words.push(...block.words);
  }
  return { url, title: title.join(''), rawContent: words.join(ZWS), anchors };
}

/** The positions Pagefind would match: words that start with one of the query's segments. */
function matches(page: PageText, segments: string[]): number[] {
  return splitWords(page.rawContent)
    .words.map((word, i) => (segments.some((s) => squash(word).startsWith(s)) ? i : -1))
    .filter((i) => i >= 0);
}

const h = (element: string, id: string, ...words: string[]) => ({ element, id, words });

describe('headings and queries', () => {
  it('strips section and chapter numbers, keeping plain numbers', () => {
    expect(stripNumbering('3.1.4 反向传播')).toBe('反向传播');
    expect(stripNumbering('第 10 章 扩展阅读 & 参考资料')).toBe('扩展阅读 & 参考资料');
    expect(stripNumbering('2.1 AI大模型')).toBe('AI大模型');
    expect(stripNumbering('2024 年展望')).toBe('2024 年展望');
    expect(stripNumbering('作者')).toBe('作者');
  });

  it('grades a heading: is the query, contains it, contains all its parts, none', () => {
    expect(headingGrade('3.1.4 反向传播', '反向传播')).toBe(3);
    expect(headingGrade('3.3.4 F1分数', 'F1 分数')).toBe(3);
    expect(headingGrade('3.2.3 Adam优化器', 'adam')).toBe(2);
    expect(headingGrade('3.2.2 随机梯度下降', '梯度下降')).toBe(2);
    expect(headingGrade('第 8 章 总结：未来发展趋势与挑战', '发展趋势')).toBe(2);
    expect(headingGrade('9.4 模型优化', '优化 模型')).toBe(1);
    expect(headingGrade('9.4 模型优化', '模型压缩')).toBe(0);
    expect(headingGrade('3.1.3 前向传播', '反向传播')).toBe(0);
    expect(headingGrade('3.1.3 前向传播', ' ，')).toBe(0);
  });

  it('retries a Chinese query with its characters apart, and only then', () => {
    expect(hanFallback('优化')).toBe('优 化');
    expect(hanFallback('F1 分数')).toBe('F1 分 数');
    expect(hanFallback('Adam')).toBeNull();
    expect(hanFallback('率')).toBeNull();
  });

  it('adds a heading id to a URL as the browser encodes it', () => {
    const id = '314-反向传播';
    expect(withHash('/chapters/03-algorithms/', id)).toBe(`/chapters/03-algorithms/#${encodeURIComponent(id)}`);
    expect(withHash('https://example.com/guide/', 'a b')).toBe('https://example.com/guide/#a%20b');
  });
});

describe('words and phrases', () => {
  it('splits words where Pagefind does', () => {
    expect(splitWords(['第 ', '3 ', '章'].join(ZWS))).toEqual({ words: ['第 ', '3 ', '章'], joiner: '' });
    expect(splitWords('Adam is  adaptive')).toEqual({ words: ['Adam', 'is', 'adaptive'], joiner: ' ' });
  });

  it('finds the query spelled by consecutive words', () => {
    const words = ['前', '向', '传播', '、', '反向', '传播', '和', '模型', '、', '压缩'];
    expect(findPhrases(words, '前向传播', 0, words.length)).toEqual([[0, 3]]);
    expect(findPhrases(words, '反向传播', 0, words.length)).toEqual([[4, 6]]);
    expect(findPhrases(words, '反向传播', 0, 5)).toEqual([]);
    // punctuation between the words breaks the phrase
    expect(findPhrases(words, '模型压缩', 0, words.length)).toEqual([]);
  });

  it('lets the last word run past the query and ignores whitespace words', () => {
    expect(findPhrases(['接下来', '构', '建一', '个'], '构建', 0, 4)).toEqual([[1, 3]]);
    expect(findPhrases(['F1 ', '分数', '是'], squash('F1 分数'), 0, 3)).toEqual([[0, 2]]);
    expect(findPhrases(['传播', ' ', '传播'], '传播', 0, 3)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(findPhrases(['传播'], '', 0, 1)).toEqual([]);
  });
});

describe('sections of a page', () => {
  // Chapter 3 in small: the intro and 3.1.3 say 传播 far more often than 3.1.4, which is named after the query.
  const chapter3 = pageOf(
    ['第 ', '3 ', '章 ', '核心', '算法'],
    [
      { words: ['训练', '包括', '前', '向', '传播', '、', '反向', '传播', '和', '参数', '更新', '。'] },
      {
        heading: h('h3', '313-前向传播', '3.1.3 ', '前', '向', '传播'),
        words: ['前', '向', '传播', '把', '输入', '向', '前', '传播', '，', '传播', '到', '输出', '，', '每', '层', '传播', '一次', '；', '反向', '的', '过程', '在', '后面', '。'],
      },
      {
        heading: h('h3', '314-反向传播', '3.1.4 ', '反向', '传播'),
        words: ['反向', '传播', '从', '损失', '出发', '计算', '梯度', '。'],
      },
      { heading: h('h3', '315-参数更新', '3.1.5 ', '参数', '更新'), words: ['沿', '梯度', '反', '方向', '更新', '。'] },
    ],
  );

  it('puts the section named after the query first, ahead of the one with more matching words', () => {
    const locations = matches(chapter3, ['反向', '传播']);
    const ranked = rankPage(chapter3, locations, '反向传播');
    const [root, first, second] = ranked.sections;
    expect(root?.isRoot).toBe(true);
    expect(root?.url).toBe(chapter3.url);
    expect(first?.title).toBe('3.1.4 反向传播');
    expect(first?.url).toBe(`${chapter3.url}#${encodeURIComponent('314-反向传播')}`);
    expect(second?.title).toBe('3.1.3 前向传播');
    // The fixture reproduces the complaint: by count of matching words, 3.1.3 wins.
    expect((second?.locations.length ?? 0) > (first?.locations.length ?? 0)).toBe(true);
    expect(ranked.grade).toBe(3);
    // the introduction, the heading of 3.1.4 and its first words
    expect(ranked.phrases).toBe(3);
  });

  it('cuts the excerpt after the heading and marks the phrase as one', () => {
    const ranked = rankPage(chapter3, matches(chapter3, ['反向', '传播']), '反向传播');
    const section = ranked.sections.find((s) => s.title === '3.1.4 反向传播');
    expect(section?.excerpt).toBe('<mark>反向传播</mark>从损失出发计算梯度。');
    expect(ranked.sections[0]?.excerpt).toBe('训练包括前向传播、<mark>反向传播</mark>和参数更新。');
  });

  it('marks the matching words when the query is nowhere a phrase', () => {
    const ranked = rankPage(chapter3, matches(chapter3, ['参数', '更新']), '更新 参数');
    const section = ranked.sections.find((s) => s.title === '3.1.5 参数更新');
    expect(ranked.sections[1]).toBe(section);
    expect(section?.excerpt).toBe('沿梯度反方向<mark>更新</mark>。');
  });

  it('ranks a phrase in the text above sections that only share words with the query (模型压缩)', () => {
    const faq = pageOf(
      ['第 ', '9 ', '章 ', '附录'],
      [
        { heading: h('h2', '92-模型训练', '9.2 ', '模型', '训练'), words: ['模型', '训练', '让', '模型', '收敛', '，', '模型', '越', '大', '越', '慢', '。'] },
        { heading: h('h2', '93-模型部署', '9.3 ', '模型', '部署'), words: ['把', '模型', '保存', '，', '模型', '上线', '，', '监控', '模型', '。'] },
        { heading: h('h2', '94-模型优化', '9.4 ', '模型', '优', '化'), words: ['超', '参数', '调优', '。', '模型', '压缩', '：', '剪枝', '、', '量化', '。'] },
      ],
      '/chapters/09-faq/',
    );
    const ranked = rankPage(faq, matches(faq, ['模型', '压缩']), '模型压缩');
    expect(ranked.sections.map((s) => s.title)).toEqual(['9.4 模型优化', '9.2 模型训练', '9.3 模型部署']);
    expect(ranked.sections[0]?.excerpt).toBe('超参数调优。<mark>模型压缩</mark>：剪枝、量化。');
    expect(ranked.grade).toBe(0);
    expect(ranked.phrases).toBe(1);
  });

  it('prefers the exact heading, then the higher heading level, and shows three sections at most', () => {
    const page = pageOf(
      ['第 ', '3 ', '章'],
      [
        { words: ['本章', '介绍', '优化', '。'] },
        { heading: h('h3', '321', '3.2.1 ', '梯度', '下降'), words: ['梯度', '下降', '是', '基础', '。'] },
        { heading: h('h3', '322', '3.2.2 ', '随机', '梯度', '下降'), words: ['随机', '梯度', '下降', '比', '梯度', '下降', '快', '，', '梯度', '下降', '慢', '。'] },
        { heading: h('h4', 'mini', '小', '批量', '梯度', '下降'), words: ['小', '批量', '梯度', '下降', '。', '梯度', '下降', '。'] },
        { heading: h('h3', '323', '3.2.3 ', 'Adam', '优化器'), words: ['Adam', '结合', '动量', '，', '梯度', '下降', '更', '快', '。'] },
        { heading: h('h4', 'adam-full', 'Adam ', '的', '完整', '更新'), words: ['Adam ', '的', '更新', '：', 'Adam ', '先', '估计', '矩', '。'] },
      ],
    );
    const descent = rankPage(page, matches(page, ['梯度', '下降']), '梯度下降');
    expect(descent.sections.map((s) => s.title)).toEqual(['3.2.1 梯度下降', '3.2.2 随机梯度下降', '小批量梯度下降']);
    const adam = rankPage(page, matches(page, ['adam']), 'Adam');
    expect(adam.sections.map((s) => s.title)).toEqual(['3.2.3 Adam优化器', 'Adam 的完整更新']);
  });

  it('escapes the text of an excerpt', () => {
    const page = pageOf(['标题'], [{ heading: h('h2', 'x', '代码'), words: ['写 ', '&lt;b&gt;', '与 ', 'a&b ', '，', '代码', '结束'] }]);
    const ranked = rankPage(page, matches(page, ['代码']), '代码');
    expect(ranked.sections[0]?.excerpt).toBe('写 &lt;b&gt;与 a&amp;b ，<mark>代码</mark>结束');
  });

  it('orders pages by heading grade, then by holding the phrase, then as Pagefind did', () => {
    const pages = [
      { grade: 0, phrases: 5 },
      { grade: 2, phrases: 0 },
      { grade: 0, phrases: 0 },
      { grade: 2, phrases: 1 },
      { grade: 3, phrases: 0 },
    ];
    expect(pageOrder(pages)).toEqual([4, 3, 1, 0, 2]);
  });
});

describe('ranked search', () => {
  const fragmentOf = (page: PageText): PagefindFragment => ({
    url: page.url,
    content: page.rawContent.replaceAll(ZWS, ''),
    raw_content: page.rawContent,
    meta: { title: page.title },
    anchors: [...page.anchors],
    excerpt: 'pagefind',
    locations: [],
    sub_results: [],
  });
  const resultOf = (id: string, page: PageText, segments: string[]): PagefindResult => ({
    id,
    score: 1,
    words: matches(page, segments),
    data: () => Promise.resolve(fragmentOf(page)),
  });
  const ch2 = pageOf(['第 ', '2 ', '章'], [{ words: ['反向', '传播', '的', '细节', '见', '第', '3', '章'] }], '/chapters/02-concepts/');
  const ch3 = pageOf(['第 ', '3 ', '章'], [{ heading: h('h2', '314', '3.1.4 ', '反向', '传播'), words: ['反向', '传播', '算', '梯度'] }], '/chapters/03-algorithms/');

  it('reorders pages and gives each the re-ranked sections, root first', async () => {
    const response: PagefindResponse = { results: [resultOf('a', ch2, ['反向', '传播']), resultOf('b', ch3, ['反向', '传播'])] };
    const ranked = await rankedSearch(() => Promise.resolve(response), '反向传播');
    expect(ranked?.results.map((r) => r.id)).toEqual(['b', 'a']);
    const data = await ranked?.results[0]?.data();
    expect(data?.sub_results.map((s) => s.title)).toEqual(['3.1.4 反向传播']);
    const other = await ranked?.results[1]?.data();
    expect(other?.sub_results[0]?.url).toBe(ch2.url);
    expect(other?.excerpt).toBe(other?.sub_results[0]?.excerpt);
  });

  it('falls back to Pagefind’s order, and says so, when a page cannot be loaded', async () => {
    const broken: PagefindResult = { id: 'x', score: 1, words: [0], data: () => Promise.reject(new Error('offline')) };
    const response: PagefindResponse = { results: [resultOf('a', ch2, ['反向', '传播']), broken, resultOf('b', ch3, ['反向', '传播'])] };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const ranked = await rankedSearch(() => Promise.resolve(response), '反向传播');
      expect(ranked?.results.map((r) => r.id)).toEqual(['a', 'x', 'b']);
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      logged.mockRestore();
    }
  });

  it('searches again with the characters apart when a Chinese query finds nothing', async () => {
    const terms: string[] = [];
    const search = (term: string): Promise<PagefindResponse> => {
      terms.push(term);
      return Promise.resolve({ results: term.includes(' ') ? [resultOf('b', ch3, ['反', '向', '传', '播'])] : [] });
    };
    const ranked = await rankedSearch(search, '反向传播');
    expect(terms).toEqual(['反向传播', '反 向 传 播']);
    expect(ranked?.results.map((r) => r.id)).toEqual(['b']);
    terms.length = 0;
    expect((await rankedSearch(search, 'Adam'))?.results).toEqual([]);
    expect(terms).toEqual(['Adam']);
  });
});

describe('the build-time seam in Pagefind’s UI', () => {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@pagefind/default-ui/package.json'));
  const manifest: unknown = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const moduleEntry = typeof manifest === 'object' && manifest !== null && 'module' in manifest ? String(manifest.module) : '';
  const uiCorePath = join(packageDir, moduleEntry);
  const uiCore = readFileSync(uiCorePath, 'utf8');

  it('recognises the module that bundlers load, and patches its one import of Pagefind', () => {
    expect(isPagefindUi(uiCorePath)).toBe(true);
    expect(isPagefindUi(join(packageDir, 'css/ui.css'))).toBe(false);
    const patched = patchPagefindUi(uiCore, '/loader.ts');
    expect(patched.startsWith('import { loadPagefind as __searchTuningLoadPagefind } from "/loader.ts";\n')).toBe(true);
    expect(patched).not.toContain(PAGEFIND_IMPORT);
    expect(patched).toContain('__searchTuningLoadPagefind(`${base_path}pagefind.js`)');
  });

  it('fails loudly when Pagefind’s UI no longer has that import', () => {
    expect(() => patchPagefindUi(uiCore.replace(PAGEFIND_IMPORT, 'import(bundle)'))).toThrow(/found it 0 times/);
  });

  it('fails the build when Pagefind’s UI never went through the rewrite', async () => {
    type Hooks = ReturnType<typeof searchTuning>['hooks'];
    type SetupOptions = Parameters<NonNullable<Hooks['astro:config:setup']>>[0];
    type DoneOptions = Parameters<NonNullable<Hooks['astro:build:done']>>[0];
    const build = async (ids: string[]): Promise<void> => {
      const integration = searchTuning();
      let plugins: unknown[] = [];
      const setup = {
        updateConfig: (config: { vite?: { plugins?: unknown[] } }) => {
          plugins = config.vite?.plugins ?? [];
        },
      };
      await integration.hooks['astro:config:setup']?.(setup as unknown as SetupOptions);
      const [plugin] = plugins;
      const transform = typeof plugin === 'object' && plugin !== null && 'transform' in plugin ? plugin.transform : undefined;
      if (typeof transform !== 'function') throw new Error('no transform hook');
      for (const id of ids) transform(uiCore, id);
      await integration.hooks['astro:build:done']?.({} as DoneOptions);
    };
    await expect(build(['/site/components/Search.astro?astro&type=script'])).rejects.toThrow(/never loaded @pagefind\/default-ui/);
    await expect(build([uiCorePath])).resolves.toBeUndefined();
  });

  it('has a Chinese string for every string Pagefind’s UI translates', () => {
    // The UI's own language detection never runs in its npm build (Svelte's server-side onMount
    // is bundled in), so any key missing here would show in English.
    const used = new Set([...uiCore.matchAll(/\/\*translate\*\/\s*ctx2?\[\d+\]\(\s*"([a-z_]+)"/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThanOrEqual(9);
    const strings: unknown = JSON.parse(readFileSync(new URL('../../content/i18n/zh-CN.json', import.meta.url), 'utf8'));
    const zh = new Map(Object.entries(typeof strings === 'object' && strings !== null ? strings : {}));
    for (const key of used) {
      // Starlight fills the placeholder from its own `search.label`.
      if (key === 'placeholder') continue;
      const value = zh.get(`pagefind.${key}`);
      expect(typeof value, key).toBe('string');
      expect(String(value).replace(/\[(?:SEARCH_TERM|COUNT|DIFFERENT_TERM)\]/g, ''), key).toMatch(/^[^A-Za-z]*\p{Script=Han}[^A-Za-z]*$/u);
    }
    expect(zh.get('pagefind.language')).toBe('zh-CN');
  });
});
