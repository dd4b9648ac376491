#!/usr/bin/env node
// `npm run demo`: hunt the bundled demo app with the bundled scenarios. The demo app leaks
// on purpose, so "leaks found" (exit 1) is the expected outcome and the demo exits 0 then;
// any other failure keeps its own exit code.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scenarios = readdirSync(here)
  .filter((f) => f.endsWith('.mjs'))
  .sort()
  .map((f) => join(here, f));
const bin = join(here, '..', 'bin', 'leakhound.js');
const extra = process.argv.slice(2);
const run = spawnSync(process.execPath, [bin, 'run', ...scenarios, '--serve', join(here, 'demo-app'), ...extra], {
  stdio: 'inherit',
});
if (run.status === 1) {
  console.log('\nThe demo app leaks on purpose: the leaks above are the expected result.');
  process.exit(0);
}
process.exit(run.status ?? 3);
