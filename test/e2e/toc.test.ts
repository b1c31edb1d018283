import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

const baseUrl = inject('baseUrl');
const CHAPTER = 'chapters/04-math/';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Where a jump should leave the target: the page's scroll padding plus the target's scroll margin. */
function restingOffset(page: Page, id: string) {
  return page.evaluate((id) => {
    const target = document.getElementById(id)!;
    const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    return { top: Math.round(target.getBoundingClientRect().top), resting: padding + (parseFloat(getComputedStyle(target).scrollMarginTop) || 0) };
  }, id);
}

/** Waits until the target has not moved for 20 frames (the page lays out skipped prose and islands as they near). */
function stillFor20Frames(page: Page, id: string) {
  return page.evaluate(
    (id) =>
      new Promise<void>((resolve) => {
        const target = document.getElementById(id)!;
        let last = NaN;
        let same = 0;
        const frame = () => {
          const top = target.getBoundingClientRect().top;
          same = top === last ? same + 1 : 0;
          last = top;
          if (same >= 20) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    id,
  );
}

describe('in-page links and 本页内容 (chapter 4, the longest page)', () => {
  it.each([1280, 375])('a jump lands on its section and stays there at %i px; the table of contents marks it', async (width) => {
    const probe = await openPage(browser, { width, height: 800 });
    const { page } = probe;
    await page.goto(`${baseUrl}${CHAPTER}`);
    const toc = width >= 1152 ? 'page-toc:not([data-mobile])' : 'page-toc[data-mobile]';
    const sections = await page.$$eval(`${toc} a`, (links) => links.map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1))));
    // Every chapter heading and the live sections, far down the page and back up.
    const targets = sections.filter((id) => /^4\d-|^live-/.test(id));
    expect(targets.length).toBeGreaterThan(8);
    const picks = [targets.at(-1)!, targets[Math.floor(targets.length / 2)]!, targets.find((id) => id.startsWith('live-'))!, targets[0]!];
    for (const id of picks) {
      if (width < 1152) await page.evaluate((hash) => (location.hash = hash), id);
      else await page.click(`${toc} a[href="#${id}"]`);
      await page.waitForTimeout(300);
      await stillFor20Frames(page, id);
      const { top, resting } = await restingOffset(page, id);
      expect(Math.abs(top - resting), `#${id} at ${top} px, expected ${resting} px`).toBeLessThanOrEqual(3);
      const current = await page.$eval(toc, (t) => decodeURIComponent(t.querySelector('[aria-current="true"]')?.getAttribute('href') ?? ''));
      expect(current).toBe(`#${id}`);
    }
    if (width < 1152) {
      expect(await page.textContent('[data-toc-current]')).toBe(await page.textContent(`${toc} [aria-current="true"]`));
      await page.click(`${toc} summary`);
      expect(await page.$eval(`${toc} details`, (d) => (d as HTMLDetailsElement).open)).toBe(true);
      await page.keyboard.press('Escape');
      expect(await page.$eval(`${toc} details`, (d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    }
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('a link that opens the page at a live section lands on it', async () => {
    const probe = await openPage(browser, { width: 1280, height: 800 });
    const { page } = probe;
    await page.goto(`${baseUrl}${CHAPTER}#live-lqr`);
    await page.waitForTimeout(300);
    await stillFor20Frames(page, 'live-lqr');
    const { top, resting } = await restingOffset(page, 'live-lqr');
    expect(Math.abs(top - resting)).toBeLessThanOrEqual(3);
    await probe.context.close();
  });
});
