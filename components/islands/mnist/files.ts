/** Hands a file to the reader as a download (model export). */
export function downloadFile(name: string, blob: Blob): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The folder with the MNIST assets, below the site's base path. */
export function mnistDataUrl(): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return new URL(`${base}data/mnist/`, location.origin).href;
}
