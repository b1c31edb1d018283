import { Workbox } from 'workbox-window';

/**
 * Registers the service worker (scripts/offline.mjs) once the page is idle. When a new
 * deploy is waiting, the reader is told and chooses when to reload; until then the page
 * keeps running on the files it was loaded with.
 */
export function registerOffline(base: string, message: { text: string; reload: string }): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const workbox = new Workbox(`${base}sw.js`, { scope: base });
  workbox.addEventListener('waiting', () => {
    const bar = document.createElement('div');
    bar.className = 'offline-update';
    bar.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = message.text;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = message.reload;
    button.addEventListener('click', () => {
      workbox.addEventListener('controlling', () => location.reload());
      workbox.messageSkipWaiting();
    });
    bar.append(text, button);
    document.body.append(bar);
  });
  const start = () => void workbox.register().catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 5000 });
  else setTimeout(start, 2000);
}
