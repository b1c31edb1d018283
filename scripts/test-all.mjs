// `npm test`: everything, in order — type check, unit, WebGPU-kernel and content tests, a production
// build, then tests of the built site and browser tests in the machine's Chromium.
// Prints one line per step, then "tests: N passed, N failed", and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';
import { ensureVulkan } from './vulkan.mjs';

const reportFile = (name) => `node_modules/.cache/vitest-${name}.json`;
/** One line per step, printed again at the end: a CI log's tail then names what failed. */
const stepLines = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function vitest(name, projects) {
  rmSync(reportFile(name), { force: true });
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p])];
  args.push('--reporter=default', '--reporter=json', `--outputFile.json=${reportFile(name)}`);
  const label = `vitest: ${projects.join(', ')}`;
  const ok = run(label, 'npx', args);
  let passed = 0;
  let failedTests = [];
  if (existsSync(reportFile(name))) {
    const report = JSON.parse(readFileSync(reportFile(name), 'utf8'));
    passed = report.numPassedTests;
    failedTests = report.testResults.flatMap((file) =>
      file.assertionResults.filter((t) => t.status === 'failed').map((t) => `${file.name.replace(`${process.cwd()}/`, '')} › ${t.fullName}`),
    );
  }
  let line = `${label}: ${passed} passed, ${failedTests.length} failed`;
  // Every test passed but the run exited non-zero: config, setup, no tests, or an unhandled
  // error (a test worker that died on exit, say), which vitest prints above its summary.
  if (!ok && failedTests.length === 0) line += ' — exited non-zero with no failed test: see "Unhandled Errors" above';
  stepLines.push(`${ok ? 'ok    ' : 'FAILED'} ${line}`, ...failedTests.map((t) => `         ✗ ${t}`));
  return { ok, passed, failed: Math.max(failedTests.length, ok ? 0 : 1) };
}

/** A step that is not a test run counts as one test. */
function step(label, command, args) {
  const ok = run(label, command, args);
  stepLines.push(`${ok ? 'ok    ' : 'FAILED'} ${label}`);
  add({ passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

const totals = { passed: 0, failed: 0 };
const add = ({ passed, failed }) => {
  totals.passed += passed;
  totals.failed += failed;
};

const chromium = ensureChromium();
if (!chromium) process.exit(1);
if (!ensureVulkan()) process.exit(1);

let ok = step('astro check (types)', 'npx', ['astro', 'check']);
const early = vitest('early', ['unit', 'gpu', 'content']);
add(early);
ok &&= early.ok;
const built = step('astro build', 'npx', ['astro', 'build']);
ok &&= built;
if (built) {
  const late = vitest('late', ['build', 'e2e']);
  add(late);
  ok &&= late.ok;
}
console.log(`\n${stepLines.join('\n')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
