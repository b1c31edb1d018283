import { islandLoaders } from '../islands/loaders';

/**
 * Boots each island's custom element only when it is needed: when its shell nears the
 * viewport, when the page was opened on its anchor, or when the reader presses the start
 * button. Each loader is a dynamic import, so the island's code (Lit, KaTeX, TensorFlow.js…)
 * is a separate chunk that pages without that island never download.
 */
export function registerIslands(): void {
  const shells = [...document.querySelectorAll<HTMLElement>('[data-island-shell]')];
  const tags = new Set(shells.map((shell) => shell.dataset['tag'] ?? ''));
  for (const tag of tags) {
    const load = islandLoaders[tag];
    if (load) registerLazyIsland(tag, load, shells.filter((shell) => shell.dataset['tag'] === tag));
  }
}

function registerLazyIsland(tag: string, load: () => Promise<unknown>, shells: HTMLElement[]): void {
  let loading: Promise<unknown> | null = null;
  const start = (): void => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      for (const shell of shells) {
        const message = shell.querySelector<HTMLElement>('[data-island-boot-error]');
        if (message) {
          message.hidden = false;
          message.textContent = (message.dataset['template'] ?? '{error}').replace('{error}', error instanceof Error ? error.message : String(error));
        }
      }
    });
  };

  for (const shell of shells) shell.querySelector('[data-island-start]')?.addEventListener('click', start);
  const targeted = shells.some((shell) => location.hash === `#${shell.id}`);
  if (targeted || !('IntersectionObserver' in window)) {
    start();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        start();
      }
    },
    { rootMargin: '400px 0px' },
  );
  for (const shell of shells) observer.observe(shell);
  void customElements.whenDefined(tag).then(() => observer.disconnect());
}
