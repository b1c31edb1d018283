// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import { ogImages } from './scripts/og-images.mjs';
import { seoFiles } from './scripts/seo-files.mjs';
import { mnistAssets } from './scripts/mnist-assets.mjs';
import { rehypeBaseLinks } from './scripts/rehype-base-links.mjs';
import { rehypeTex } from './scripts/rehype-tex.mjs';
import { katexCss } from './scripts/katex-css.mjs';
import { DEFAULT_SITE_URL } from './scripts/site-url.mjs';
import { offline } from './scripts/offline.mjs';
import { precompressed } from './scripts/precompress.mjs';
import { katexFontSplit } from './scripts/katex-font-split.mjs';
import { searchTuning } from './scripts/search-tuning.mjs';

/**
 * Named chunks for the code islands share, so that every island loads them once and
 * `npm run bench` can report them by name: Lit with the island shell, KaTeX, the d3 modules
 * of the chart toolkit, and, in the worker, TensorFlow.js.
 */
const CHUNK_GROUPS = [
  { name: 'lit-shell', test: /node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]|components[\\/]ui[\\/](live-island|controls|shell-strings|url-sync|present-mode|resize-controller)\.ts/ },
  { name: 'katex', test: /node_modules[\\/]katex[\\/]/ },
  { name: 'd3', test: /node_modules[\\/]d3-(array|scale|shape|path|contour|geo|interpolate|format|time|time-format|color)[\\/]/ },
];
/**
 * The groups apply to the browser build only. They hold just the modules they name, not
 * what those import, so a page's small scripts never pull a group in; that needs entries
 * allowed to gain exports.
 * @returns {import('vite').Plugin}
 */
function clientChunkGroups() {
  return {
    name: 'client-chunk-groups',
    configEnvironment(name) {
      if (name !== 'client') return undefined;
      return {
        build: {
          rolldownOptions: {
            preserveEntrySignatures: 'allow-extension',
            output: {
              codeSplitting: { includeDependenciesRecursively: false, groups: CHUNK_GROUPS },
              // Each island's chunk is named after its folder (island-metrics…), as the bench reports it.
              chunkFileNames: (chunk) => {
                const island = /components[\\/]islands[\\/]([a-z0-9-]+)[\\/]element\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
                return `_astro/${island ? `island-${island}` : '[name]'}.[hash].js`;
              },
            },
          },
        },
      };
    },
  };
}
const WORKER_CHUNK_GROUPS = [{ name: 'tfjs', test: /node_modules[\\/]@tensorflow[\\/]tfjs-(core|layers|backend-cpu)[\\/]/ }];

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
      rehypePlugins: [rehypeTex(), rehypeBaseLinks({ base })],
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
        '一本可以动手的中文深度学习指南：从训练流程、优化器、评估指标讲到线性代数、概率与优化理论，公式逐一排版，原文错误逐条勘误；第 3、4 章的算法和公式都能代入你的数字在页面里运行，MNIST 卷积网络用 TensorFlow.js 在浏览器里完整训练，还能在你训练的模型上试量化与剪枝。',
      defaultLocale: 'root',
      locales: { root: { label: '简体中文', lang: 'zh-CN' } },
      lastUpdated: true,
      customCss: ['katex/dist/katex.min.css', './components/ui/site.css'],
      routeMiddleware: './src/seo/route-middleware.ts',
      components: {
        MarkdownContent: './components/overrides/MarkdownContent.astro',
        Search: './components/overrides/Search.astro',
        SiteTitle: './components/overrides/SiteTitle.astro',
        TableOfContents: './components/toc/TableOfContents.astro',
        MobileTableOfContents: './components/toc/MobileTableOfContents.astro',
      },
      sidebar: [
        { label: '导读', link: '/' },
        { label: '十章正文', items: [{ autogenerate: { directory: 'chapters' } }] },
        { label: '实验索引', link: '/workshop/' },
      ],
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
    }),
    // After the pages are written: it reads their formulas and rewrites the stylesheets.
    katexFontSplit(),
    // After Starlight, so that the search index it writes is precached too.
    offline(),
    // Last: Brotli and gzip copies of everything the others wrote, the service worker included.
    precompressed(),
  ],
  vite: {
    plugins: [katexCss(), clientChunkGroups()],
    build: { chunkSizeWarningLimit: 2000 },
    // ES-module workers can split: each TensorFlow.js backend is its own chunk, fetched on use.
    worker: {
      format: 'es',
      rolldownOptions: { output: { codeSplitting: { includeDependenciesRecursively: false, groups: WORKER_CHUNK_GROUPS } } },
    },
  },
});
