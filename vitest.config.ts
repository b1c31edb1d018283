import { defineConfig } from 'vitest/config';

// Five projects, run in this order by scripts/test-all.mjs:
// unit (engines), gpu (WebGPU kernels in Node), content (MDX against the source), build (dist/), e2e (Chromium on dist/).
// The engines are plain TypeScript, so the tests don't need Astro's Vite pipeline.
export default defineConfig({
  test: {
    projects: [
      // Some engine tests run TF.js references on the CPU backend: seconds, more on a busy
      // 2-core CI machine. The timeout only catches hangs; speed is measured in bench/.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      // WebGPU kernels in Node through Dawn (npm `webgpu`); on a machine without a GPU, Mesa's
      // lavapipe runs them on the CPU (scripts/vulkan.mjs). One file at a time: one device.
      {
        extends: true,
        test: { name: 'gpu', include: ['test/gpu/**/*.test.ts'], setupFiles: ['test/gpu/setup.ts'], testTimeout: 120_000, fileParallelism: false },
      },
      { extends: true, test: { name: 'content', include: ['test/content/**/*.test.ts'] } },
      { extends: true, test: { name: 'build', include: ['test/build/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
