// `npm run bench:gpu -- --pack DIR [bench options]`: everything a GPU machine without network
// needs, under a ~50 MB carry limit: Node (this one, xz-compressed), the bundle and the
// `webgpu` package's dawn.node + JS (pack.tar.xz), the MNIST assets (already gzip'd), run.sh.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './build.mjs';

export const CARRY_LIMIT_BYTES = 50_000_000;
const DAWN_PLATFORM = 'linux-x64'; // the GPU machines are x86-64 Linux

const sizeOf = (path) => (statSync(path).isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : statSync(path).size);
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** This Node binary, xz-compressed once per version (about a minute) and kept in `work`. */
function compressedNode(work) {
  const cached = join(work, `node-${process.version}-${process.platform}-${process.arch}.xz`);
  if (!existsSync(cached)) {
    console.log(`compressing ${process.execPath} (${mb(statSync(process.execPath).size)}) with xz -9 …`);
    execFileSync('sh', ['-c', `xz -9 -T2 -c "$0" > "$1.tmp" && mv "$1.tmp" "$1"`, process.execPath, cached], { stdio: 'inherit' });
  }
  return cached;
}

/**
 * @param {{ dir: string, bundle: string, mnistDir: string, work: string, args: string[] }} o
 *   args: the bench options run.sh passes when it is given none.
 */
export async function writePack({ dir, bundle, mnistDir, work, args }) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the pack carries this Node binary: build it on linux-x64, not ${process.platform}-${process.arch}`);
  const out = resolve(dir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  // pack/: the bundle and the webgpu package as Node resolves it from there.
  const stage = join(work, 'stage');
  rmSync(stage, { recursive: true, force: true });
  const webgpu = dirname(createRequire(join(ROOT, 'package.json')).resolve('webgpu/package.json'));
  const target = join(stage, 'pack/node_modules/webgpu');
  mkdirSync(join(target, 'dist', DAWN_PLATFORM), { recursive: true });
  for (const file of ['index.js', 'package.json', 'LICENSE.md']) copyFileSync(join(webgpu, file), join(target, file));
  copyFileSync(join(webgpu, 'dist', DAWN_PLATFORM, 'dawn.node'), join(target, 'dist', DAWN_PLATFORM, 'dawn.node'));
  copyFileSync(bundle, join(stage, 'pack/bench.cjs'));
  console.log('compressing the bundle and dawn.node with xz …');
  execFileSync('tar', ['-cJf', join(out, 'pack.tar.xz'), '-C', stage, 'pack'], { stdio: 'inherit', env: { ...process.env, XZ_OPT: '-9 -T2' } });
  rmSync(stage, { recursive: true, force: true });

  copyFileSync(compressedNode(work), join(out, 'node22.xz'));
  mkdirSync(join(out, 'mnist'));
  for (const name of readdirSync(mnistDir).filter((n) => n === 'manifest.json' || n.endsWith('.idx.gz'))) copyFileSync(join(mnistDir, name), join(out, 'mnist', name));

  // Vulkan loader .debs for a machine without libvulkan (see README.md, "Measuring WebGPU training").
  const debs = process.env.VULKAN_DEBS;
  if (debs) cpSync(debs, join(out, 'debs'), { recursive: true, filter: (src) => statSync(src).isDirectory() || src.endsWith('.deb') });

  const runSh = readFileSync(join(ROOT, 'bench/gpu/run.sh'), 'utf8').replace('set -- __DEFAULT_ARGS__', `set -- ${args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')}`);
  writeFileSync(join(out, 'run.sh'), runSh, { mode: 0o755 });

  const total = sizeOf(out);
  console.log(`\npack: ${out}`);
  for (const name of readdirSync(out).sort()) console.log(`  ${name.padEnd(14)} ${mb(sizeOf(join(out, name))).padStart(10)}`);
  const fits = total <= CARRY_LIMIT_BYTES;
  console.log(`  total          ${mb(total).padStart(10)}  ${fits ? '≤' : '>'} ${mb(CARRY_LIMIT_BYTES)} carry limit${fits ? '' : ' — TOO BIG'}`);
  console.log(`on the GPU machine: bash ${dir}/run.sh [bench options]   (default: ${args.join(' ') || 'none'})`);
  if (!fits) process.exitCode = 1;
}
