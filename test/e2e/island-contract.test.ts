import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, seriousViolations } from './browser';
import { ISLANDS } from '../../components/islands/registry';
import { defaultsOf, encodeState } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';

/**
 * The contract every island keeps, generated from the registry: a new island gets these
 * browser tests by being registered. Island-specific behaviour (what the maths shows) is
 * tested in its own file.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(ISLANDS.map((island) => [island.tag, island] as const))('%s keeps the island contract', (_, island) => {
  const pageUrl = new URL(island.page, baseUrl).href;
  const element = `${island.tag}[data-ready]`;
  const presetName = Object.keys(island.presets)[0];
  const presetState = presetName ? startingState(island.schema, island.presets, presetName) : defaultsOf(island.schema);
  const presetQuery = encodeState(island.schema, island.namespace, presetState, new URLSearchParams()).toString();
  const field = Object.keys(island.schema)[0]!;

  async function open(query: string, options: Parameters<typeof openPage>[1] = {}) {
    const probe = await openPage(browser, options);
    await probe.page.goto(`${pageUrl}${query}#${island.anchor}`);
    await probe.page.locator(element).waitFor({ timeout: 60_000 });
    return probe;
  }

  it('starts lazily: none of its code loads before the reader gets near it', async () => {
    const probe = await openPage(browser);
    await probe.page.goto(pageUrl, { waitUntil: 'networkidle' });
    const shellTop = await probe.page.locator(`#${island.anchor}`).evaluate((shell) => shell.getBoundingClientRect().top);
    if (shellTop > 2000) {
      expect(await probe.page.evaluate((tag) => customElements.get(tag) === undefined, island.tag)).toBe(true);
    }
    await probe.page.locator(`#${island.anchor}`).scrollIntoViewIfNeeded();
    await probe.page.locator(element).waitFor({ timeout: 60_000 });
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('opens on a preset, and its copied link restores the same state', async () => {
    const probe = await open(presetName ? `?preset=${presetName}` : '');
    const state = await probe.page.locator(island.tag).getAttribute('data-state');
    expect(state).toBe(presetQuery);
    await probe.page.locator(`${island.tag} [data-action="copy-link"]`).click();
    const link = await probe.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`#${island.anchor}$`));
    const restored = await openPage(browser);
    await restored.page.goto(link);
    await restored.page.locator(element).waitFor({ timeout: 60_000 });
    expect(await restored.page.locator(island.tag).getAttribute('data-state')).toBe(state);
    expect([...probe.errors, ...restored.errors].join('\n')).toBe('');
    await restored.context.close();
    await probe.context.close();
  });

  it('refuses a forged link with a capped, dismissable notice, and still works', async () => {
    const forged = Array.from({ length: 30 }, (_, i) => `${island.namespace}.bogus${i}=%3Cimg%20src%3Dx%3E`).join('&');
    const probe = await open(`?${island.namespace}.${field}=%E2%80%AEevil&${forged}&preset=nope`);
    const notice = probe.page.locator(`${island.tag} [data-url-notice]`);
    await notice.waitFor();
    expect(await notice.locator('li').count()).toBeLessThanOrEqual(8);
    expect(await notice.textContent()).toMatch(/32/);
    expect(await notice.textContent()).not.toMatch(/[\u202a-\u202e]/);
    expect(await probe.page.locator(`${island.tag} img`).count()).toBe(0);
    expect(await probe.page.locator(island.tag).getAttribute('data-state')).toBe('');
    await notice.locator('[data-action="dismiss-notice"]').click();
    expect(await notice.count()).toBe(0);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('reset returns to the defaults and clears its part of the address', async () => {
    const probe = await open(presetName ? `?preset=${presetName}` : `?${presetQuery}`);
    await probe.page.locator(`${island.tag} [data-action="reset"]`).click();
    expect(await probe.page.locator(island.tag).getAttribute('data-state')).toBe('');
    await probe.page.waitForFunction((ns) => !location.search.includes(`${ns}.`), island.namespace);
    await probe.context.close();
  });

  it('present mode shows it alone with controls hidden, and Esc leaves', async () => {
    const probe = await open(`?present=1&hide=${field}`, { width: 1280, height: 800 });
    const shell = probe.page.locator(`#${island.anchor}`);
    expect(await shell.getAttribute('data-present')).toBe('');
    const box = await shell.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 1280 });
    expect(await probe.page.locator(`${island.tag} [data-field="${field}"]`).first().isHidden()).toBe(true);
    await expect.poll(() => probe.page.locator(`#${island.anchor} [data-present-exit]`).isVisible()).toBe(true);
    await probe.page.keyboard.press('Escape');
    expect(await shell.getAttribute('data-present')).toBeNull();
    expect(probe.page.url()).not.toContain('present=');
    expect(await probe.page.locator(`${island.tag} [data-field="${field}"]`).first().isHidden()).toBe(false);
    await probe.context.close();
  });

  it.each(['light', 'dark'] as const)('passes axe in the %s theme and fits a 375-px phone', async (colorScheme) => {
    const probe = await open('', { width: 375, height: 800, colorScheme });
    // The page marks its wide formulas and tables focusable once the browser is idle.
    await probe.page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
    await probe.page.waitForTimeout(100);
    const overflow = await probe.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Nothing drawn inside the island reaches past its border, unless a scroll box holds it.
    const pastEdge = await probe.page.evaluate((anchor) => {
      const island = document.getElementById(anchor)!;
      const edge = island.getBoundingClientRect().right;
      const parentOf = (el: Element) => el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
      const scrolls = (el: Element) => {
        for (let e = parentOf(el); e && e !== island; e = parentOf(e)) if (getComputedStyle(e).overflowX !== 'visible') return true;
        return false;
      };
      const found: string[] = [];
      const walk = (root: ParentNode) => {
        for (const el of root.querySelectorAll('*')) {
          const box = el.getBoundingClientRect();
          if (box.width > 0 && box.right > edge - 0.5 && !scrolls(el)) found.push(`${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '')} ends at ${Math.round(box.right)}, the island at ${Math.round(edge)}`);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(island);
      return found.slice(0, 5);
    }, island.anchor);
    expect(pastEdge.join('\n')).toBe('');
    // The page around it is checked by pages.test.ts; here, the island as it runs.
    expect((await seriousViolations(probe.page, `#${island.anchor}`)).join('\n')).toBe('');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});
