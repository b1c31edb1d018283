// Finds the Chromium that browser tests and benchmarks drive. Nothing here downloads a
// browser build: on Debian/Ubuntu as root it installs the distribution's package,
// otherwise it says exactly what to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(chromiumPath)) return chromiumPath;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Chromium not found at ${chromiumPath}; installing Debian's chromium package…`);
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    if (install && install.status === 0 && existsSync(chromiumPath)) return chromiumPath;
  }
  console.error(
    [
      `Browser tests need Chromium at ${chromiumPath} (or set CHROMIUM_PATH).`,
      'On Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
      'Elsewhere: install Chromium or Chrome and run  CHROMIUM_PATH=/path/to/chrome npm test',
    ].join('\n'),
  );
  return null;
}

/** Launch flags for headless Chromium on these machines (root, closed network, no GPU). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
];
