import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conceptGraphDrawingSource, conceptGraphSvgFile, conceptNodes, rootHrefOf } from '../../components/ui/concept-graph';

const drawing = (theme: 'light' | 'dark') => readFileSync(conceptGraphSvgFile(process.cwd(), theme), 'utf8');
const hrefs = (svg: string) => [...svg.matchAll(/<a\b[^>]*?\bhref="([^"]+)"/g)].map((m) => m[1]);

describe('the committed concept graph drawings', () => {
  const sourceHash = createHash('sha256').update(conceptGraphDrawingSource()).digest('hex');

  it.each(['light', 'dark'] as const)('%s: drawn from the current graph (else run scripts/concept-graph.mjs)', (theme) => {
    const svg = drawing(theme);
    expect(svg.match(/data-source-sha256="([0-9a-f]{64})"/)?.[1]).toBe(sourceHash);
  });

  it.each(['light', 'dark'] as const)('%s: every concept is a labelled link to its section', (theme) => {
    const svg = drawing(theme);
    expect(hrefs(svg).sort()).toEqual(conceptNodes.map(rootHrefOf).sort());
    for (const node of conceptNodes) expect(svg).toContain(`>${node.label}<`);
  });

  it('light and dark are different drawings with their own ids', () => {
    expect(drawing('light')).toMatch(/^<svg [^>]*id="concept-graph-light"/);
    expect(drawing('dark')).toMatch(/^<svg [^>]*id="concept-graph-dark"/);
  });
});
