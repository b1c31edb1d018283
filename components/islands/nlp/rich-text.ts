import { html, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';

/** A sentence from a strings module whose `$…$` parts are TeX (typeset inline with KaTeX). */
export function richText(text: string): TemplateResult {
  const parts = text.split('$');
  return html`${parts.map((part, i) => (i % 2 === 1 ? tex(part) : part))}`;
}

/** The same sentence as plain text, for an accessible name (`$p_k$` → `pk`, `K_\infty` → `K∞`). */
export function plainText(text: string): string {
  return text
    .replace(/\$/g, '')
    .replace(/\\infty/g, '∞')
    .replace(/\\[a-zA-Z]+/g, '')
    .replace(/[{}_^]/g, '');
}
