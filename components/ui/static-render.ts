import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { nothing, type TemplateResult } from 'lit';

/**
 * Renders an island's view to HTML at build time, for its static fallback: the figure a
 * reader without JavaScript (and a search engine) sees is the same view the live island
 * draws, from the same engine, not a second copy of its markup.
 */
export function renderStatic(template: TemplateResult | typeof nothing): string {
  if (template === nothing) return '';
  // Lit marks its parts with comments for hydration; a static figure does not need them.
  return collectResultSync(render(template)).replace(/<!--[^>]*-->/g, '').replace(/<\?lit\$[0-9]+\$>/g, '');
}
