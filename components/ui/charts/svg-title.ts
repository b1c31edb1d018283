import { unsafeSVG } from 'lit/directives/unsafe-svg.js';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/**
 * An SVG `<title>` (a tooltip, and a name for assistive technology) with a computed text.
 * Write `${svgTitle(text)}` inside the element instead of `${svgTitle(text)}`: Lit's
 * server renderer (the static fallbacks) cannot bind inside `<title>`, a raw-text element.
 */
export function svgTitle(text: string) {
  return unsafeSVG(`<title>${escape(text)}</title>`);
}
