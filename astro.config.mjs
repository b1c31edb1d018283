// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { ogImages } from './scripts/og-images.mjs';
import { seoFiles } from './scripts/seo-files.mjs';
import { mnistAssets } from './scripts/mnist-assets.mjs';
import { rehypeBaseLinks } from './scripts/rehype-base-links.mjs';
import { katexCss } from './scripts/katex-css.mjs';
import { DEFAULT_SITE_URL } from './scripts/site-url.mjs';
import { searchTuning } from './scripts/search-tuning.mjs';

// Deploy target: SITE_URL is the public origin (canonical URLs, sitemap, og:image);
// BASE_PATH is the sub-path when served below the origin (e.g. GitHub Pages: /repo/).
const site = process.env.SITE_URL ?? DEFAULT_SITE_URL;
const base = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');

export default defineConfig({
  site,
  base,
  srcDir: '.',
  trailingSlash: 'always',
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { strict: 'ignore', output: 'html' }], rehypeBaseLinks({ base })],
    }),
  },
  integrations: [
    ogImages(),
    mnistAssets(),
    seoFiles(),
    searchTuning(),
    starlight({
      title: 'AI 大模型创业：如何利用竞争优势？',
      description:
        '一本可以动手的中文深度学习指南：从训练流程、优化器、评估指标讲到线性代数、概率与优化理论，公式逐一排版，原文错误逐条勘误；评估指标可以在页面中交互验证，MNIST 卷积网络用 TensorFlow.js 在浏览器里完整训练，更多章节的交互演示正在陆续加入。',
      defaultLocale: 'root',
      locales: { root: { label: '简体中文', lang: 'zh-CN' } },
      lastUpdated: true,
      customCss: ['katex/dist/katex.min.css', './components/ui/site.css'],
      routeMiddleware: './src/seo/route-middleware.ts',
      components: {
        MarkdownContent: './components/overrides/MarkdownContent.astro',
        Search: './components/overrides/Search.astro',
        SiteTitle: './components/overrides/SiteTitle.astro',
      },
      sidebar: [
        { label: '导读', link: '/' },
        { label: '十章正文', items: [{ autogenerate: { directory: 'chapters' } }] },
      ],
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
    }),
  ],
  vite: {
    plugins: [katexCss()],
    build: { chunkSizeWarningLimit: 2000 },
    // ES-module workers can split: each TensorFlow.js backend is its own chunk, fetched on use.
    worker: { format: 'es' },
  },
});
