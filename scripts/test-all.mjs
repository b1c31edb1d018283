// `npm test`: everything, in order — type check, unit, WebGPU-kernel and content tests, a production
// build, then tests of the built site and browser tests in the machine's Chromium.
// Prints one closing line "tests: N passed, N failed" and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';
import { ensureVulkan } from './vulkan.mjs';

const reportFile = (name) => `node_modules/.cache/vitest-${name}.json`;

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function vitest(name, projects) {
  rmSync(reportFile(name), { force: true });
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p])];
  args.push('--reporter=default', '--reporter=json', `--outputFile.json=${reportFile(name)}`);
  const ok = run(`vitest: ${projects.join(', ')}`, 'npx', args);
  let passed = 0;
  let failed = 0;
  if (existsSync(reportFile(name))) {
    const report = JSON.parse(readFileSync(reportFile(name), 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests;
  }
  if (!ok && failed === 0) failed = 1; // the run itself broke (config, setup, or no tests ran)
  return { ok, passed, failed };
}

const totals = { passed: 0, failed: 0 };
const add = ({ passed, failed }) => {
  totals.passed += passed;
  totals.failed += failed;
};
const step = (ok) => {
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  return ok;
};

const chromium = ensureChromium();
if (!chromium) process.exit(1);
if (!ensureVulkan()) process.exit(1);

let ok = step(run('astro check (types)', 'npx', ['astro', 'check']));
const early = vitest('early', ['unit', 'gpu', 'content']);
add(early);
ok &&= early.ok;
const built = step(run('astro build', 'npx', ['astro', 'build']));
ok &&= built;
if (built) {
  const late = vitest('late', ['build', 'e2e']);
  add(late);
  ok &&= late.ok;
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
