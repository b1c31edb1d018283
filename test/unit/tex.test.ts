import { describe, expect, it } from 'vitest';
import { texToHtml } from '../../components/ui/tex';

describe('texToHtml', () => {
  it('labels the formula with its TeX, escaped, and hides nothing else', () => {
    const html = texToHtml('a < b \\text{ "与" } c');
    expect(html).toMatch(/^<span class="katex" role="img" aria-label="a &lt; b \\text\{ &quot;与&quot; \} c">/);
    expect(html).toContain('<span class="katex-html" aria-hidden="true">');
    expect(html.match(/role="img"/g)).toHaveLength(1);
  });

  it('labels display formulas on the formula, not the block, and drops a leading \\displaystyle', () => {
    const html = texToHtml('\\displaystyle \\frac{1}{2}', { displayMode: true });
    expect(html).toMatch(/^<span class="katex-display"><span class="katex" role="img" aria-label="\\frac\{1\}\{2\}">/);
  });

  it('shows a TeX error in the page, or throws when asked to', () => {
    expect(texToHtml('\\frac{1}{')).toContain('katex-error');
    expect(() => texToHtml('\\frac{1}{', { throwOnError: true })).toThrow();
  });
});
