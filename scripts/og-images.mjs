// @ts-check
/**
 * Open Graph images: one 1200×630 PNG per docs page, made at build time.
 *
 * - Input: the YAML frontmatter of every `content/docs/**\/*.mdx` (title, optional chapter).
 * - Output: `public/og/<slug>.png` (Astro copies public/ into dist) plus `public/og/manifest.json`,
 *   which records a hash of each image's inputs so that unchanged images are not redrawn.
 * - Text is drawn as vector outlines taken from Noto Sans SC (the variable font shipped in
 *   `@fontsource-variable/noto-sans-sc`, one WOFF2 file per unicode-range slice), so no system
 *   font and no network is needed. WOFF2 is unpacked here (node:zlib's brotli + the glyf/loca
 *   reconstruction of the WOFF2 spec) into a plain TrueType font, which `fontkitten` parses and
 *   instances at the wanted weight; `@resvg/resvg-js` rasterizes the resulting SVG.
 *
 * The code lives in `scripts/og/`: woff2*.mjs (WOFF2 → TrueType), font.mjs (glyph lookup),
 * layout.mjs (line breaking), card.mjs (the SVG), png.mjs (rasterizing and PNG encoding),
 * pages.mjs (the pages and their frontmatter), integration.mjs (cache and Astro integration).
 */
export { HEIGHT, SITE_TITLE, SUBTITLE, WIDTH, cardText, renderOgSvg } from './og/card.mjs';
export { missingChars } from './og/font.mjs';
export { generateOgImages, ogImages } from './og/integration.mjs';
export { breakLines, fitText } from './og/layout.mjs';
export { collectPages, parseFrontmatter } from './og/pages.mjs';
export { encodeOpaquePng, renderOgImage } from './og/png.mjs';
export { woff2ToSfnt } from './og/woff2.mjs';
