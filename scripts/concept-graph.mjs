// Draws chapter 2's concept graph with Mermaid once, here, in Chromium, and writes the two
// SVGs (light and dark theme) the page inlines: the reader's browser never downloads Mermaid
// (~190 KB gzip) or lays the graph out (seconds of main thread on a phone).
//
//   node scripts/concept-graph.mjs          # redraw after editing components/ui/concept-graph.ts
//   node scripts/concept-graph.mjs --check  # exit 1 if the committed drawings are stale
//
// Each SVG carries the SHA-256 of the Mermaid source it was drawn from; a unit test compares
// it with the source in concept-graph.ts, so a graph edited without redrawing fails the tests.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from './chromium.mjs';
import { CONCEPT_GRAPH_FONT, conceptGraphDrawingSource, conceptGraphSvgFile } from '../components/ui/concept-graph.ts';

const THEMES = ['light', 'dark'];
const root = fileURLToPath(new URL('..', import.meta.url));
const source = conceptGraphDrawingSource();
const sourceHash = createHash('sha256').update(source).digest('hex');

if (process.argv.includes('--check')) {
  const stale = THEMES.filter((theme) => !readFileSync(conceptGraphSvgFile(root, theme), 'utf8').includes(sourceHash));
  if (stale.length > 0) {
    console.error(`concept graph drawings are stale (${stale.join(', ')}): run node scripts/concept-graph.mjs`);
    process.exit(1);
  }
  console.log('concept graph drawings match their source');
  process.exit(0);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html lang="zh-CN"><body></body></html>');
  await page.addScriptTag({ path: fileURLToPath(import.meta.resolve('mermaid/dist/mermaid.min.js')) });
  for (const theme of THEMES) {
    const svg = await page.evaluate(
      async ({ theme, source, font }) => {
        const mermaid = /** @type {any} */ (window).mermaid;
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: 'strict',
          layout: 'dagre',
          theme: theme === 'dark' ? 'dark' : 'default',
          themeVariables: { fontFamily: font },
          flowchart: { htmlLabels: false },
        });
        const drawn = await mermaid.render(`concept-graph-${theme}`, source);
        return drawn.svg;
      },
      { theme, source, font: CONCEPT_GRAPH_FONT },
    );
    const stamped = svg.replace('<svg ', `<svg data-source-sha256="${sourceHash}" `);
    writeFileSync(conceptGraphSvgFile(root, theme), `${stamped}\n`);
    console.log(`${theme}: ${stamped.length} bytes`);
  }
} finally {
  await browser.close();
}
