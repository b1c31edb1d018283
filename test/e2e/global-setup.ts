import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/serve-static.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const PORT = Number(process.env['E2E_PORT'] ?? 4329);

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`astro preview exited with ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`astro preview did not answer on ${url}`);
}

/**
 * Serves the built site for the browser tests: dist/ with `astro preview`, or another build
 * folder named by DIST_DIR (e.g. `astro build --outDir /tmp/x`) with a plain static server.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const base = (process.env['BASE_PATH'] ?? '/').replace(/\/?$/, '/');
  const distDir = process.env['DIST_DIR'];
  if (distDir) {
    const server = await serveStatic(distDir, PORT, base);
    project.provide('baseUrl', `http://127.0.0.1:${PORT}${base}`);
    return () => server.close();
  }
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first');
  const server = spawn('npx', ['astro', 'preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(PORT)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${PORT}${base}`;
  await waitForServer(baseUrl, server);
  project.provide('baseUrl', baseUrl);
  return () => {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  };
}
