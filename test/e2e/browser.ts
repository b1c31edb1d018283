import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

export interface PageProbe {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Requests to any host other than the local test server. */
  foreignRequests: string[];
}

/** Opens a page that records console errors and every request leaving localhost. */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' } = {},
): Promise<PageProbe> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      foreignRequests.push(request.url());
    }
  });
  return { page, context, errors, foreignRequests };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and describes each violation of impact serious or critical
 * as one line: rule, impact, help text and the first few offending elements.
 */
export async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document | string, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(selector ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, within);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}

/**
 * The on-screen box of an element about to be dragged: scrolled into view, then measured
 * once it has stopped moving. Prose near the viewport is laid out over a few frames
 * (content-visibility), and scroll anchoring may move the page while it is.
 */
export async function settledBox(target: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const frames = () => target.page().evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  let previous: Awaited<ReturnType<Locator['boundingBox']>> = null;
  for (let attempt = 0; attempt < 30; attempt++) {
    await target.scrollIntoViewIfNeeded();
    await frames();
    const box = await target.boundingBox();
    if (!box) throw new Error('the element has no box (hidden or detached)');
    if (previous && Math.abs(box.x - previous.x) < 0.5 && Math.abs(box.y - previous.y) < 0.5) return box;
    previous = box;
  }
  throw new Error('the element kept moving for 30 frames');
}

/** Opens an island's page with a query, at its anchor, and waits until the island is live. */
export async function openIsland(
  browser: Browser,
  baseUrl: string,
  island: { page: string; anchor: string; tag: string },
  query = '',
): Promise<PageProbe> {
  const probe = await openPage(browser);
  await probe.page.goto(`${new URL(island.page, baseUrl).href}${query}#${island.anchor}`);
  await probe.page.locator(`${island.tag}[data-ready]`).waitFor();
  return probe;
}
