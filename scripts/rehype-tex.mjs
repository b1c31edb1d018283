// @ts-check
import { fromHtmlIsomorphic } from 'hast-util-from-html-isomorphic';
import { toText } from 'hast-util-to-text';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { texToHtml } from '../components/ui/tex.ts';

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
      const html = texToHtml(toText(scope, { whitespace: 'pre' }), { displayMode, throwOnError: options.throwOnError ?? false });
      const typeset = /** @type {any[]} */ (fromHtmlIsomorphic(html, { fragment: true }).children);
      // A display formula gets a block of its own, which site.css lets the browser skip far from
      // the viewport; the formula inside it is the box that scrolls.
      const rendered = displayMode ? [{ type: 'element', tagName: 'div', properties: { className: ['tex-block'] }, children: typeset }] : typeset;
      const index = parent.children.indexOf(scope);
      parent.children.splice(index, 1, ...rendered);
      return [SKIP, index + rendered.length];
    });
  };
}
