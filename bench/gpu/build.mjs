// Bundles bench/gpu/bench.ts with the project's own src/ (trainer, model, kernels, backends)
// and TensorFlow.js into one CommonJS file for plain Node 22. `webgpu` (Dawn) stays external:
// it is a native addon, loaded from a node_modules folder beside the bundle.
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const esbuild = createRequire(import.meta.url)('esbuild');

/** Vite's `*.wasm?url` imports (src/tf/backends.ts) become a path beside the bundle; the bench never starts WASM. */
const viteUrlImports = {
  name: 'vite-url-imports',
  setup(build) {
    build.onResolve({ filter: /\?url$/ }, (args) => ({ path: basename(args.path.replace(/\?url$/, '')), namespace: 'vite-url' }));
    build.onLoad({ filter: /.*/, namespace: 'vite-url' }, (args) => ({
      contents: `module.exports = require('node:path').join(__dirname, ${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** Writes the bundle to `outfile`; returns its size in bytes. */
export async function buildBundle(outfile) {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'bench/gpu/bench.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outfile,
    // The packages' ESM builds, as Vite bundles them for the site (their CJS `main` builds are
    // not in their sideEffects lists, so esbuild would drop `import '@tensorflow/tfjs-backend-cpu'`).
    mainFields: ['module', 'main'],
    external: ['webgpu'],
    plugins: [viteUrlImports],
    logLevel: 'warning',
    legalComments: 'none',
    metafile: true,
  });
  return result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes;
}
