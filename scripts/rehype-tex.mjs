// @ts-check
import { fromHtmlIsomorphic } from 'hast-util-from-html-isomorphic';
import { toText } from 'hast-util-to-text';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { texToHtml } from '../components/ui/tex.ts';

/** Punctuation that must not start a line (Chinese and Western closing marks). */
const CLOSING_PUNCTUATION = /^[。，、；：？！）」』》】〉…,.;:!?)\]]/u;

/** Formulas up to this many TeX characters are short enough never to need a line break inside. */
const SHORT_FORMULA = 32;

/**
 * Browsers break a line after an inline formula (KaTeX's inline-blocks) even before "。",
 * which then starts the next line; neither Unicode's rules nor a word joiner stop them. A
 * short formula is tied to the mark after it instead (a long one keeps its own breaks).
 * @param {string} tex @param {any[]} typeset @param {any} next
 */
function tieClosingMark(tex, typeset, next) {
  if (tex.replace(/\s+/g, '').length > SHORT_FORMULA || next?.type !== 'text' || !CLOSING_PUNCTUATION.test(next.value)) return typeset;
  const [mark] = next.value;
  next.value = next.value.slice(mark.length);
  return [{ type: 'element', tagName: 'span', properties: { className: ['tex-nowrap'] }, children: [...typeset, { type: 'text', value: mark }] }];
}

/**
 * Typesets remark-math's formulas (`$…$` → code.math-inline, `$$…$$` → pre > code.math-display)
 * with the site's one TeX renderer (components/ui/tex.ts), which labels each formula for
 * screen readers. `throwOnError` makes a TeX error fail the build (scripts/check-mdx.mjs).
 * @param {{ throwOnError?: boolean }} [options]
 */
export function rehypeTex(options = {}) {
  return () => (/** @type {any} */ tree) => {
    visitParents(tree, 'element', (/** @type {any} */ element, /** @type {any[]} */ parents) => {
      const classes = Array.isArray(element.properties?.className) ? element.properties.className : [];
      if (!classes.includes('math-inline') && !classes.includes('math-display') && !classes.includes('language-math')) return;
      let scope = element;
      let parent = parents.at(-1);
      let displayMode = classes.includes('math-display');
      if (element.tagName === 'code' && parent?.tagName === 'pre') {
        scope = parent;
        parent = parents.at(-2);
        displayMode = true;
      }
      if (!parent) return;
      const tex = toText(scope, { whitespace: 'pre' });
      const html = texToHtml(tex, { displayMode, throwOnError: options.throwOnError ?? false });
      const typeset = /** @type {any[]} */ (fromHtmlIsomorphic(html, { fragment: true }).children);
      // A display formula gets a block of its own, which site.css lets the browser skip far from
      // the viewport; the formula inside it is the box that scrolls.
      const index = parent.children.indexOf(scope);
      const rendered = displayMode
        ? [{ type: 'element', tagName: 'div', properties: { className: ['tex-block'] }, children: typeset }]
        : tieClosingMark(tex, typeset, parent.children[index + 1]);
      parent.children.splice(index, 1, ...rendered);
      return [SKIP, index + rendered.length];
    });
  };
}
