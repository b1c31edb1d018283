// Finds a Vulkan driver for the WebGPU tests that run in Node (Dawn through the npm package
// `webgpu`). Without a GPU that is Mesa's lavapipe, which Debian 12 ships too old (22.3 gives
// no adapter): version 25 comes from bookworm-backports. On Debian as root this installs it;
// otherwise it says exactly what to run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const BACKPORTS_LIST = '/etc/apt/sources.list.d/bookworm-backports.list';

/** True when Dawn finds a WebGPU adapter in a child Node process. */
export function hasWebGpuAdapter() {
  const probe = `import('webgpu').then(async ({ create }) => { const a = await create([]).requestAdapter(); process.exit(a ? 0 : 3); }, () => process.exit(4));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { stdio: 'ignore', timeout: 60_000 });
  return result.status === 0;
}

function debianMirror() {
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const uri = text.match(/^URIs:\s*(\S+\/debian)\s*$/m)?.[1] ?? text.match(/^deb\s+(\S+\/debian)\s+bookworm\b/m)?.[1];
    if (uri) return uri;
  }
  return 'http://deb.debian.org/debian';
}

function isBookworm() {
  return existsSync('/etc/os-release') && /VERSION_CODENAME=bookworm/.test(readFileSync('/etc/os-release', 'utf8'));
}

export function ensureVulkan() {
  if (hasWebGpuAdapter()) return true;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get') && isBookworm()) {
    console.log('No WebGPU adapter for Node; installing Mesa lavapipe from bookworm-backports…');
    if (!existsSync(BACKPORTS_LIST)) writeFileSync(BACKPORTS_LIST, `deb ${debianMirror()} bookworm-backports main\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', '-t', 'bookworm-backports', 'mesa-vulkan-drivers', 'libvulkan1'], { stdio: 'inherit', env });
    if (install && install.status === 0 && hasWebGpuAdapter()) return true;
  }
  console.error(
    [
      'The WebGPU kernel tests need a Vulkan driver that Dawn (npm `webgpu`) can use.',
      'Debian 12:  echo "deb http://deb.debian.org/debian bookworm-backports main" | sudo tee /etc/apt/sources.list.d/bookworm-backports.list',
      '            sudo apt-get update && sudo apt-get install -y -t bookworm-backports mesa-vulkan-drivers libvulkan1',
      'Elsewhere: Mesa ≥ 24 (lavapipe) or a GPU driver with Vulkan.',
    ].join('\n'),
  );
  return false;
}
