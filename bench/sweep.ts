// The sweep benchmark: 12 scenarios (the 4 demo scenarios ×3, renamed so each is its own
// row) swept by the compiled CLI as users run it, with --workers 1 and --workers 2; prints
// both wall times, the ratio, and whether both sweeps gave the same verdicts.
//   npm run bench:sweep [-- --runs 2 --workers 2]
// Runs alternate (1, N, 1, N…) so a slow moment on a shared machine hits both; the best
// run of each is compared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HuntResult } from '../lib/analysis/result.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const runs = arg('runs', 1);
const workers = arg('workers', 2);
const copies = 3;

const dir = mkdtempSync(join(tmpdir(), 'leakhound-bench-sweep-'));
const demo = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.mjs')).sort();
const files: string[] = [];
for (let c = 1; c <= copies; c++) {
  for (const f of demo) {
    const file = join(dir, `${c}-${f}`);
    const src = pathToFileURL(join(root, 'scenarios', f)).href;
    writeFileSync(file, `import s from '${src}';\nexport default { ...s, name: \`\${s.name} #${c}\` };\n`);
    files.push(file);
  }
}

function sweep(n: number): { ms: number; verdicts: string } {
  const json = join(dir, `w${n}.json`);
  const t = Date.now();
  const r = spawnSync(
    process.execPath,
    [join(root, 'bin', 'leakhound.js'), 'run', ...files, '--serve', join(root, 'scenarios', 'demo-app'), '--workers', String(n), '--progress', 'silent', '--json', json],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const ms = Date.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`--workers ${n}: exit ${r.status}: ${r.stderr.trim().split('\n').at(-1)}`);
  const result = JSON.parse(readFileSync(json, 'utf8')) as HuntResult;
  const verdicts = result.scenarios.map((s) => `${s.name}=${s.status}:${s.leaks.map((l) => l.signature).sort().join(',')}`).join('\n');
  return { ms, verdicts };
}

const best: Record<number, number> = { 1: Infinity, [workers]: Infinity };
const seen: Record<number, string> = {};
try {
  for (let i = 0; i < runs; i++) {
    for (const n of [1, workers]) {
      const r = sweep(n);
      best[n] = Math.min(best[n], r.ms);
      seen[n] ??= r.verdicts;
      if (seen[n] !== r.verdicts) console.log(`note: --workers ${n} verdicts changed between runs`);
      console.log(`run ${i + 1}: ${files.length} scenarios, --workers ${n}: ${(r.ms / 1000).toFixed(1)} s`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const same = seen[1] === seen[workers];
console.log(`\nbest of ${runs}: --workers 1 ${(best[1] / 1000).toFixed(1)} s, --workers ${workers} ${(best[workers] / 1000).toFixed(1)} s`);
console.log(`speed-up (workers 1 / workers ${workers}): ${(best[1] / best[workers]).toFixed(2)}×; same verdicts: ${same ? 'yes' : 'NO'}`);
