/**
 * Present mode (`?present=1#live-…`): the island alone on the screen, in large type, for a
 * projector. The shell already renders a visible exit button; Esc leaves too. Leaving takes
 * `present` and `hide` out of the address bar, so a reload shows the normal page.
 */
export function enterPresentMode(element: HTMLElement, onExit: () => void): void {
  const shell = element.closest<HTMLElement>('[data-island-shell]');
  if (!shell) return;
  const root = document.documentElement;
  shell.dataset['present'] = '';
  root.dataset['presenting'] = '';
  const exitButton = shell.querySelector<HTMLButtonElement>('[data-present-exit]');
  if (exitButton) exitButton.hidden = false;

  const exit = (): void => {
    delete shell.dataset['present'];
    delete root.dataset['presenting'];
    if (exitButton) exitButton.hidden = true;
    document.removeEventListener('keydown', onKey);
    exitButton?.removeEventListener('click', exit);
    const params = new URLSearchParams(location.search);
    params.delete('present');
    params.delete('hide');
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    onExit();
    shell.scrollIntoView({ block: 'start' });
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') exit();
  };
  document.addEventListener('keydown', onKey);
  exitButton?.addEventListener('click', exit);
}
