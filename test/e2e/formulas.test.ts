import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { launchBrowser, openPage } from './browser';
import { builtPages } from '../build/dist';

const baseUrl = inject('baseUrl');
const chapters = builtPages()
  .filter((p) => p.file.startsWith('chapters/'))
  .map((p) => p.path.replace(/^\//, ''));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Brings every display formula near the viewport once, so the overflow check has run on each. */
async function visitFormulas(page: Page): Promise<void> {
  // The overflow check starts when the browser is first idle (overflow-focus.ts).
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
  await page.evaluate(async () => {
    for (const formula of document.querySelectorAll('.katex-display, [data-scroll-x]')) {
      formula.scrollIntoView({ block: 'center' });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }
  });
  await page.waitForTimeout(300);
}

describe('wide display formulas on a 375-px phone', () => {
  it.each(chapters)('/%s: each formula fits or scrolls with a visible cue and a keyboard stop', async (path) => {
    const probe = await openPage(browser, { width: 375, height: 800 });
    await probe.page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
    await visitFormulas(probe.page);
    const problems = await probe.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.katex-display, [data-scroll-x]')].flatMap((box, index) => {
        const style = getComputedStyle(box);
        const rect = box.getBoundingClientRect();
        const issues: string[] = [];
        if (rect.right > document.documentElement.clientWidth + 1) issues.push('sticks out of the page');
        if (box.scrollWidth > box.clientWidth + 1) {
          if (!['auto', 'scroll'].includes(style.overflowX)) issues.push(`clipped (overflow-x: ${style.overflowX})`);
          if ((style.backgroundImage.match(/radial-gradient/g) ?? []).length < 2) issues.push('no scroll cue at its edges');
          if (box.tabIndex !== 0) issues.push('no keyboard stop');
        }
        return issues.map((issue) => `formula ${index + 1}: ${issue}`);
      }),
    );
    expect(problems).toEqual([]);
    await probe.context.close();
  });
});

describe('formula rendering', () => {
  // A display formula with fractions, sub- and superscripts, screenshotted and compared with a
  // reference image. The KaTeX fonts are served by the site, so the picture does not depend on
  // the machine's fonts. Regenerate after an intended change: UPDATE_REFERENCE=1 npm run test:e2e
  const reference = join(process.cwd(), 'test/e2e/reference/bayes-formula.png');

  it('draws the Bayes theorem of 4.2.3 as the reference image shows', async () => {
    const probe = await openPage(browser, { width: 1280, height: 900 });
    await probe.page.goto(new URL('chapters/04-math/', baseUrl).href, { waitUntil: 'networkidle' });
    await probe.page.evaluate(() => document.fonts.ready);
    const formula = probe.page.locator('.sl-heading-wrapper:has(h3[id^="423-"]) ~ .tex-block > .katex-display').nth(1);
    await formula.scrollIntoViewIfNeeded();
    await probe.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // The picture must be drawn in KaTeX's own fonts (served by the site), never a fallback.
    const fontsLoaded = await probe.page.evaluate(async () => {
      await document.fonts.ready;
      return ['KaTeX_Main', 'KaTeX_Math'].map((family) => [family, [...document.fonts].some((f) => f.family.replace(/"/g, '') === family && f.status === 'loaded')]);
    });
    expect(Object.fromEntries(fontsLoaded)).toEqual({ KaTeX_Main: true, KaTeX_Math: true });
    // Where the formula lands in the chapter depends on the prose above it; a fractional
    // offset moves antialiased edges and the fraction rule by a pixel. So a copy of it, at the
    // same font size, is drawn at whole-pixel coordinates on a stage of its own.
    await formula.evaluate((display: HTMLElement) => {
      const stage = document.createElement('div');
      stage.id = 'formula-stage';
      stage.style.cssText = `position: fixed; inset: 0 auto auto 0; z-index: 1000; padding: 8px; background: #fff; color: #000; font-size: ${getComputedStyle(display).fontSize}`;
      const copy = display.querySelector('.katex')!.cloneNode(true) as HTMLElement;
      copy.style.display = 'inline-block'; // its box then holds the whole fraction, as in a display
      stage.append(copy);
      document.body.append(stage);
    });
    const shot = PNG.sync.read(await probe.page.locator('#formula-stage .katex').screenshot({ animations: 'disabled' }));
    await probe.context.close();
    if (process.env['UPDATE_REFERENCE'] || !existsSync(reference)) {
      writeFileSync(reference, PNG.sync.write(shot));
      if (!process.env['UPDATE_REFERENCE']) throw new Error(`no reference image yet: wrote ${reference}, look at it and commit it`);
      return;
    }
    const expected = PNG.sync.read(readFileSync(reference));
    expect([shot.width, shot.height]).toEqual([expected.width, expected.height]);
    const diff = new PNG({ width: shot.width, height: shot.height });
    const differing = pixelmatch(expected.data, shot.data, diff.data, shot.width, shot.height, { threshold: 0.1 });
    if (differing > 0) writeFileSync(reference.replace(/\.png$/, '.diff.png'), PNG.sync.write(diff));
    expect(differing / (shot.width * shot.height)).toBeLessThan(0.01);
  });
});
