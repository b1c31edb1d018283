// @ts-check
/**
 * The KaTeX stylesheet as the site ships it: the same file the markup's KaTeX version
 * comes with (package.json `overrides` keeps one KaTeX in the tree), with three changes
 * made while Vite bundles it:
 * - `font-display: swap` instead of `block`, so text with formulas is readable before the
 *   math fonts arrive (they are ~20 files; a slow phone network should not hide the page);
 * - only the WOFF2 sources: every browser that runs this site reads WOFF2, so the WOFF and
 *   TTF copies would only be dead weight in dist/;
 * - the reader's system CJK fonts after KaTeX_Main, so Chinese inside `\text{…}` matches
 *   the body text instead of falling back to a serif face.
 */
export const CJK_FONTS = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC'";

/** @param {string} css */
export function adaptKatexCss(css) {
  return css
    .split('}')
    .map((rule) =>
      rule.startsWith('@font-face')
        ? rule
            .replace('font-display:block', 'font-display:swap')
            .replace(/,url\([^)]*\.woff\) format\("woff"\),url\([^)]*\.ttf\) format\("truetype"\)/, '')
        : rule
            .replace(/font-family:KaTeX_Main$|font-family:KaTeX_Main(?=;)/, `font-family:KaTeX_Main,${CJK_FONTS}`)
            .replace('KaTeX_Main,math,Times New Roman,serif', `KaTeX_Main,math,Times New Roman,${CJK_FONTS},serif`),
    )
    .join('}');
}

/** @returns {import('vite').Plugin} */
export function katexCss() {
  return {
    name: 'katex-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css/.test(id)) return null;
      const adapted = adaptKatexCss(code);
      if (adapted === code) throw new Error('katex-css: the KaTeX stylesheet no longer has the expected shape');
      return { code: adapted, map: null };
    },
  };
}
