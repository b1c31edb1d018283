// Screenshots of the built site for looking at what a reader sees (not a test).
//   node scripts/screenshot.mjs <url-or-path> <out.png> [--width 375] [--dark] [--full]
//        [--selector CSS] [--wait CSS] [--scroll CSS]
// A path is resolved against http://127.0.0.1:4321/ (start `npm run preview` first).
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const [target, out, ...rest] = process.argv.slice(2);
if (!target || !out) {
  console.error('usage: node scripts/screenshot.mjs <url-or-path> <out.png> [--width N] [--dark] [--full] [--selector CSS] [--wait CSS]');
  process.exit(2);
}
const option = (name) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const flag = (name) => rest.includes(`--${name}`);
const width = Number(option('width') ?? 1280);
const url = /^https?:/.test(target) ? target : new URL(target.replace(/^\//, ''), process.env.SITE ?? 'http://127.0.0.1:4321/').href;

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
const context = await browser.newContext({
  viewport: { width, height: Number(option('height') ?? 900) },
  deviceScaleFactor: Number(option('scale') ?? 1),
  colorScheme: flag('dark') ? 'dark' : 'light',
});
const page = await context.newPage();
page.on('pageerror', (error) => console.error('page error:', String(error)));
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
await page.goto(url, { waitUntil: 'networkidle' });
const wait = option('wait');
if (wait) await page.locator(wait).first().waitFor({ timeout: 120_000 });
const scroll = option('scroll');
if (scroll) await page.locator(scroll).first().scrollIntoViewIfNeeded();
await page.waitForTimeout(Number(option('delay') ?? 300));
const selector = option('selector');
if (selector) await page.locator(selector).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: flag('full') });
await browser.close();
console.log(out);
