/**
 * Boots an island's custom element only when it is needed: when its shell nears the
 * viewport, when the page was opened on its anchor, or when the reader presses the start
 * button. `load` is a dynamic import, so the island's code (Lit, KaTeX, TensorFlow.js…)
 * is a separate chunk that pages without that island never download.
 */
export function registerLazyIsland(tag: string, load: () => Promise<unknown>): void {
  const shells = [...document.querySelectorAll<HTMLElement>('[data-island-shell]')].filter((shell) =>
    shell.querySelector(tag),
  );
  if (shells.length === 0) return;

  let loading: Promise<unknown> | null = null;
  const start = (): void => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      for (const shell of shells) {
        const message = shell.querySelector<HTMLElement>('[data-island-boot-error]');
        if (message) {
          message.hidden = false;
          message.textContent = `交互演示加载失败（${error instanceof Error ? error.message : String(error)}）。请检查网络后刷新页面；上面的静态结果仍然有效。`;
        }
      }
    });
  };

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
  for (const shell of shells) {
    observer.observe(shell);
    shell.querySelector('[data-island-start]')?.addEventListener('click', start);
  }
}
