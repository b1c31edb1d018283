import katex from 'katex';

export interface TexOptions {
  displayMode?: boolean;
  /** Throw on a TeX error (build checks) instead of showing it in red (pages, islands). */
  throwOnError?: boolean;
}

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The one way the site typesets TeX (chapters, formula rows, islands). KaTeX's HTML output
 * is hidden from screen readers, and its MathML copy would double every chapter's DOM, so
 * each formula is an image to assistive technology, labelled with its TeX source.
 */
export function texToHtml(expression: string, { displayMode = false, throwOnError = false }: TexOptions = {}): string {
  const html = katex.renderToString(expression, { displayMode, throwOnError, strict: 'ignore', output: 'html' });
  return html.replace('<span class="katex">', `<span class="katex" role="img" aria-label="${escapeAttribute(expression.replace(/^\\displaystyle\s*/, '').trim())}">`);
}
