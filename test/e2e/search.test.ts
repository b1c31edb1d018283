import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { launchBrowser, openPage, type PageProbe } from './browser';

const baseUrl = inject('baseUrl');

/**
 * Chinese queries through the real search dialog, each with the page that must come first and
 * the section that page must show first: the section named after the term (null: the page
 * itself, with no section above it). At least one per chapter, plus the landing page.
 */
const cases: [query: string, page: string, section: string | null][] = [
  ['术语', 'chapters/01-background/', '1.4 术语表'],
  ['特征提取', 'chapters/02-concepts/', '2.4 特征提取'],
  ['神经网络', 'chapters/02-concepts/', '2.3 神经网络'],
  ['参数调优', 'chapters/02-concepts/', '2.5 参数调优'],
  ['数据预处理', 'chapters/03-algorithms/', '3.1.1 数据预处理'],
  ['模型初始化', 'chapters/03-algorithms/', '3.1.2 模型初始化'],
  ['前向传播', 'chapters/03-algorithms/', '3.1.3 前向传播'],
  ['反向传播', 'chapters/03-algorithms/', '3.1.4 反向传播'],
  ['参数更新', 'chapters/03-algorithms/', '3.1.5 参数更新'],
  ['梯度下降', 'chapters/03-algorithms/', '3.2.1 梯度下降'],
  ['随机梯度下降', 'chapters/03-algorithms/', '3.2.2 随机梯度下降'],
  ['Adam', 'chapters/03-algorithms/', '3.2.3 Adam优化器'],
  ['准确率', 'chapters/03-algorithms/', '3.3.1 准确率'],
  ['召回率', 'chapters/03-algorithms/', '3.3.2 召回率'],
  ['精确率', 'chapters/03-algorithms/', '3.3.3 精确率'],
  ['F1 分数', 'chapters/03-algorithms/', '3.3.4 F1分数'],
  ['矩阵运算', 'chapters/04-math/', '4.1.1 矩阵运算'],
  ['向量运算', 'chapters/04-math/', '4.1.2 向量运算'],
  ['概率分布', 'chapters/04-math/', '4.2.1 概率分布'],
  ['条件概率', 'chapters/04-math/', '4.2.2 条件概率'],
  ['贝叶斯', 'chapters/04-math/', '4.2.3 贝叶斯定理'],
  ['线性优化', 'chapters/04-math/', '4.3.1 线性优化'],
  ['非线性优化', 'chapters/04-math/', '4.3.2 非线性优化'],
  ['动态优化', 'chapters/04-math/', '4.3.3 动态优化'],
  ['开发环境', 'chapters/05-mnist-project/', '5.1 开发环境搭建'],
  ['模型构建', 'chapters/05-mnist-project/', '5.2.2 模型构建'],
  ['模型评估', 'chapters/05-mnist-project/', '5.2.4 模型评估'],
  ['自然语言处理', 'chapters/06-applications/', '6.1 自然语言处理'],
  ['计算机视觉', 'chapters/06-applications/', '6.2 计算机视觉'],
  ['金融风控', 'chapters/06-applications/', '6.3 金融风控'],
  ['医疗保健', 'chapters/06-applications/', '6.4 医疗保健'],
  ['书籍推荐', 'chapters/07-tools-resources/', '7.1.1 书籍推荐'],
  ['在线课程', 'chapters/07-tools-resources/', '7.1.2 在线课程'],
  ['经典论文', 'chapters/07-tools-resources/', '7.3.1 经典论文'],
  ['发展趋势', 'chapters/08-future/', null],
  ['数据集准备', 'chapters/09-faq/', '9.1 数据集准备'],
  ['模型部署', 'chapters/09-faq/', '9.3 模型部署'],
  ['模型压缩', 'chapters/09-faq/', '9.4 模型优化'],
  ['模型优化', 'chapters/09-faq/', '9.4 模型优化'],
  ['扩展阅读', 'chapters/10-further-reading/', null],
  ['怎样阅读', '', '怎样阅读'],
];

let browser: Browser;
let probe: PageProbe;
let dialog: Locator;
let input: Locator;

beforeAll(async () => {
  browser = await launchBrowser();
  probe = await openPage(browser);
  await probe.page.goto(baseUrl, { waitUntil: 'networkidle' });
  await probe.page.locator('site-search button[data-open-modal]').first().click();
  dialog = probe.page.locator('site-search dialog');
  input = dialog.locator('#starlight__search input');
  await input.waitFor();
});
afterAll(async () => {
  await probe?.context.close();
  await browser?.close();
});

/** Types a query into the open dialog and waits until the first result has loaded; returns the message shown. */
async function search(query: string): Promise<string> {
  // Emptying the field first drops the previous results, so stale ones can't be read.
  await input.fill('');
  await input.fill(query);
  const message = dialog.locator('.pagefind-ui__message');
  await probe.page.waitForFunction(
    (q) => {
      const root = document.querySelector('#starlight__search');
      const text = root?.querySelector('.pagefind-ui__message')?.textContent ?? '';
      if (!text.includes(`“${q}”`) || text.startsWith('正在搜索')) return false;
      const first = root?.querySelector('.pagefind-ui__result');
      return first ? first.querySelector('.pagefind-ui__loading') === null : text.startsWith('没有找到');
    },
    query,
    { timeout: 30_000 },
  );
  return (await message.textContent()) ?? '';
}

describe('site search', () => {
  it.each(cases)('%s → %s %s', async (query, page, section) => {
    const message = await search(query);
    expect(message).toMatch(new RegExp(`^找到 \\d+ 个与“${query}”相关的页面$`, 'u'));
    const first = dialog.locator('.pagefind-ui__result').first();
    const pageHref = await first.locator('.pagefind-ui__result-link').first().getAttribute('href');
    expect(new URL(pageHref ?? '', baseUrl).href).toBe(new URL(page, baseUrl).href);
    const sectionLink = first.locator('.pagefind-ui__result-nested .pagefind-ui__result-link').first();
    if (section === null) {
      expect(await sectionLink.count()).toBe(0);
    } else {
      expect((await sectionLink.textContent())?.trim()).toBe(section);
      expect(new URL((await sectionLink.getAttribute('href')) ?? '', baseUrl).pathname).toBe(new URL(page, baseUrl).pathname);
    }
  });

  it('highlights the whole query in the excerpt, not just its first word (模型压缩)', async () => {
    await search('模型压缩');
    const marks = await dialog
      .locator('.pagefind-ui__result')
      .first()
      .locator('.pagefind-ui__result-nested')
      .first()
      .locator('mark')
      .allTextContents();
    expect(marks.map((m) => m.trim())).toContain('模型压缩');
  });

  it('speaks Chinese: messages, buttons and every string handed to Pagefind’s UI', async () => {
    expect(await search('模型')).toMatch(/^找到 \d+ 个与“模型”相关的页面$/u);
    expect((await dialog.locator('.pagefind-ui__search-clear').textContent())?.trim()).toBe('清除');
    expect((await dialog.locator('.pagefind-ui__button').textContent())?.trim()).toBe('加载更多结果');
    expect(await dialog.locator('form[role="search"]').getAttribute('aria-label')).toBe('搜索本站');
    expect(await input.getAttribute('placeholder')).toBe('搜索');
    expect(await dialog.innerText()).not.toMatch(/results? for|Load more|Clear|Searching|No results|Filters/iu);

    expect(await search('龘靐齉')).toBe('没有找到与“龘靐齉”相关的内容');

    // Strings the UI shows only in passing (while searching) are checked at the source.
    const translations: unknown = JSON.parse((await probe.page.locator('site-search').first().getAttribute('data-translations')) ?? '{}');
    const strings = Object.entries(translations as Record<string, string>).filter(([key]) => key !== 'language');
    expect(strings.map(([key]) => key)).toEqual(
      expect.arrayContaining(['placeholder', 'clear_search', 'load_more', 'search_label', 'filters_label', 'zero_results', 'one_result', 'many_results', 'searching']),
    );
    for (const [key, value] of strings) {
      expect(value.replace(/\[(?:SEARCH_TERM|COUNT|DIFFERENT_TERM)\]/gu, ''), key).not.toMatch(/[A-Za-z]/u);
    }
  });

  it('ran without console errors or requests to other hosts', () => {
    expect(probe.errors.join('\n')).toBe('');
    expect(probe.foreignRequests).toEqual([]);
  });
});
