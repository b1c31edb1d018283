import { texToHtml } from './tex';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { DirectiveResult } from 'lit/directive.js';

/**
 * Typesets a TeX string for an island. KaTeX escapes everything it outputs, and islands
 * only pass numbers they formatted themselves, so the HTML is safe to insert.
 */
export function tex(expression: string, displayMode = false): DirectiveResult {
  return unsafeHTML(texToHtml(expression, { displayMode }));
}
