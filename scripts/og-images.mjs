// @ts-check
/**
 * Open Graph images: one 1200×630 PNG per docs page, made at build time.
 *
 * - Input: the YAML frontmatter of every `content/docs/**\/*.mdx` (title, optional chapter).
 * - Output: `public/og/<slug>.png` (Astro copies public/ into dist) plus `public/og/manifest.json`,
 *   which records a hash of each image's inputs so that unchanged images are not redrawn.
 * - Text is drawn as vector outlines taken from Noto Sans SC (the variable font shipped in
 *   `@fontsource-variable/noto-sans-sc`, one WOFF2 file per unicode-range slice), so no system
 *   font and no network is needed. `wawoff2` unpacks each WOFF2 file into a plain TrueType font,
 *   `fontkit` instances it at the wanted weight and gives the outlines; `@resvg/resvg-js`
 *   rasterizes the resulting SVG. Glyph lookup is asynchronous (wawoff2 is), and so are the
 *   layout and SVG functions built on it.
 *
 * The code lives in `scripts/og/`: font.mjs (the font slices, glyph lookup at a weight),
 * layout.mjs (line breaking), card.mjs (the SVG), png.mjs (rasterizing and PNG encoding),
 * pages.mjs (the pages and their frontmatter), integration.mjs (cache and Astro integration).
 */
export { HEIGHT, SITE_TITLE, SUBTITLE, WIDTH, cardText, renderOgSvg } from './og/card.mjs';
export { missingChars, shapeChar } from './og/font.mjs';
export { generateOgImages, ogImages } from './og/integration.mjs';
export { breakLines, fitText } from './og/layout.mjs';
export { collectPages, parseFrontmatter } from './og/pages.mjs';
export { encodeOpaquePng, renderOgImage } from './og/png.mjs';
