import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The drawing the reader sees: its theme, its links, its width against the column. */
async function visibleDrawing(page: Page) {
  return page.locator('[data-concept-graph]').evaluate((figure) => {
    const shown = [...figure.querySelectorAll<HTMLElement>('[data-theme-drawing]')].filter((d) => d.offsetParent !== null);
    const svg = shown[0]?.querySelector('svg');
    const canvas = figure.querySelector<HTMLElement>('[data-concept-graph-canvas]')!;
    const label = svg?.querySelector('.nodeLabel');
    return {
      themes: shown.map((d) => d.dataset['themeDrawing']),
      links: [...(svg?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href')),
      svgWidth: svg?.getBoundingClientRect().width ?? 0,
      canvasWidth: canvas.clientWidth,
      // The label's font size as drawn: its CSS size times the drawing's scale.
      labelPx: label && svg ? parseFloat(getComputedStyle(label).fontSize) * (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width) : 0,
      textOpen: figure.querySelector('details')?.open ?? null,
    };
  });
}

describe('concept graph (chapter 2)', () => {
  it('is an SVG in the page whose nodes link to their sections, drawn for the reader’s theme, without Mermaid', async () => {
    const probe = await openPage(browser);
    const scripts: string[] = [];
    probe.page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await probe.page.goto(new URL('chapters/02-concepts/', baseUrl).href, { waitUntil: 'networkidle' });
    const light = await visibleDrawing(probe.page);
    expect(light.themes).toEqual(['light']);
    expect(light.links.length).toBe(13);
    expect(light.links).toContain(`${new URL(baseUrl).pathname}chapters/03-algorithms/#311-数据预处理`);
    expect(light.svgWidth).toBeLessThanOrEqual(light.canvasWidth + 1);
    expect(light.textOpen).toBe(false);
    await probe.page.evaluate(() => {
      document.documentElement.dataset['theme'] = 'dark';
    });
    const dark = await visibleDrawing(probe.page);
    expect(dark.themes).toEqual(['dark']);
    expect(dark.links).toEqual(light.links);
    expect(scripts.filter((s) => /mermaid|dagre|cytoscape/i.test(s))).toEqual([]);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('keeps readable labels on a phone: the drawing scrolls sideways and the text version is open', async () => {
    const probe = await openPage(browser, { width: 375, height: 800 });
    await probe.page.goto(new URL('chapters/02-concepts/', baseUrl).href);
    const phone = await visibleDrawing(probe.page);
    expect(phone.svgWidth).toBeGreaterThan(phone.canvasWidth);
    expect(phone.labelPx).toBeGreaterThanOrEqual(14);
    expect(phone.textOpen).toBe(true);
    await probe.context.close();
  });

  it('does not download Mermaid, KaTeX or Lit on a page without formulas or islands', async () => {
    const probe = await openPage(browser);
    const scripts: string[] = [];
    probe.page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await probe.page.goto(new URL('chapters/08-future/', baseUrl).href, { waitUntil: 'networkidle' });
    expect(scripts.filter((s) => /mermaid|dagre|katex|lit/i.test(s))).toEqual([]);
    await probe.context.close();
  });
});
