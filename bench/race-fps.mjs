// Measured, never asserted: frames per second of the chapter 3.2 optimizer race while it
// plays (six optimizers, contours, trajectories and loss curves redrawn each frame), in
// headless Chromium on the built site (`npm run build` first), at a laptop and a phone width.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { serveStatic } from '../scripts/serve-static.mjs';

const PORT = 4341;
const server = await serveStatic('dist', PORT);
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });

for (const [label, viewport] of [['1280 px', { width: 1280, height: 900 }], ['375 px', { width: 375, height: 800 }]]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/chapters/03-algorithms/#live-race`);
  await page.locator('ml-race[data-ready]').waitFor({ timeout: 60_000 });
  await page.locator('ml-race [data-action="restart"]').click();
  await page.locator('ml-race [data-action="play"]').click();
  await page.waitForTimeout(5000);
  const fps = await page.locator('ml-race').getAttribute('data-fps');
  console.log(`optimizer race, ${label}: ${fps ?? '(no frames)'} frames/s while playing`);
  await context.close();
}
await browser.close();
server.close();
