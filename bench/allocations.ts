// The cost of `--allocations`: wall time of a hunt of each demo scenario in three browsers —
// as `leakhound run` launches it, with only the V8 flags --allocations adds, and with the
// flags plus allocation tracking (what `run --allocations` does). Runs alternate between
// the modes so that machine load hits them alike; the best of --repeat runs is kept.
//   npm run bench:allocations [-- --iterations 6 --repeat 3]
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser, type LaunchedBrowser } from '../lib/browser/launch.js';
import { ALLOCATION_TRACKING_JS_FLAGS, withJsFlags } from '../lib/browser/allocation-tracking.js';
import { loadScenario } from '../lib/scenario/load.js';
import { huntScenario } from '../lib/runner/hunt.js';
import { startStaticServer } from '../lib/static-server.js';
import type { ScenarioResult } from '../lib/analysis/result.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const iterations = arg('iterations', 6);
const repeat = arg('repeat', 3);
const scenarioDir = join(root, 'scenarios');
const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.mjs')).sort();
const server = await startStaticServer({ root: join(scenarioDir, 'demo-app') });

type Mode = 'plain' | 'flags' | 'allocations';
const modes: Mode[] = ['plain', 'flags', 'allocations'];
const browsers = new Map<Mode, LaunchedBrowser>();
browsers.set('plain', await launchBrowser());
const flagged = await launchBrowser({ args: withJsFlags([], ALLOCATION_TRACKING_JS_FLAGS) });
browsers.set('flags', flagged);
browsers.set('allocations', flagged);

const s = (n: number) => `${(n / 1000).toFixed(2)} s`;
console.log(`leakhound --allocations bench: ${browsers.get('plain')!.version}, ${iterations} iterations, best of ${repeat}`);
console.log(`V8 flags with --allocations: ${ALLOCATION_TRACKING_JS_FLAGS.join(' ')}\n`);
console.log('scenario                                   plain   +flags  +tracking  ratio  leaks (plain / allocations)');
const totals: Record<Mode, number> = { plain: 0, flags: 0, allocations: 0 };
const sites: string[] = [];
try {
  for (const f of files) {
    const loaded = await loadScenario(join(scenarioDir, f));
    const best: Record<Mode, number> = { plain: Infinity, flags: Infinity, allocations: Infinity };
    const results = new Map<Mode, ScenarioResult>();
    for (let r = 0; r < repeat; r++) {
      for (const mode of modes) {
        const t = Date.now();
        const res = await huntScenario(browsers.get(mode)!.browser, loaded, { baseUrl: server.url, iterations, allocations: mode === 'allocations' });
        const wall = Date.now() - t;
        if (res.status === 'failed') throw new Error(`${loaded.name} (${mode}) failed at ${res.error?.step}: ${res.error?.message}`);
        if (wall < best[mode]) best[mode] = wall;
        results.set(mode, res);
      }
    }
    for (const mode of modes) totals[mode] += best[mode];
    const heads = (m: Mode) => results.get(m)!.leaks.map((l) => l.headline).join(', ') || 'none';
    console.log(
      `${loaded.name.slice(0, 40).padEnd(40)} ${s(best.plain).padStart(8)} ${s(best.flags).padStart(8)} ${s(best.allocations).padStart(10)} ${(best.allocations / best.plain).toFixed(2).padStart(6)}  ${heads('plain')} / ${heads('allocations')}`,
    );
    for (const leak of results.get('allocations')!.leaks) {
      const top = leak.allocations?.[0];
      const f0 = top?.frames[0];
      sites.push(`  ${leak.headline}: ${f0 ? `${top!.count}× ${f0.functionName || '(anonymous)'} ${f0.file}:${f0.line}:${f0.column}` : 'no tracked instances'}`);
    }
  }
  console.log(
    `${'total (demo app)'.padEnd(40)} ${s(totals.plain).padStart(8)} ${s(totals.flags).padStart(8)} ${s(totals.allocations).padStart(10)} ${(totals.allocations / totals.plain).toFixed(2).padStart(6)}`,
  );
  console.log(`\ndemo app: hunt wall time with --allocations / without: ${(totals.allocations / totals.plain).toFixed(2)}× (flags alone ${(totals.flags / totals.plain).toFixed(2)}×)`);

  // The worst case: an action that allocates 300 000 short-lived objects in hot, optimized
  // code. Tracking records a stack for each, and the flags keep V8 from inlining it.
  const page = `<!doctype html><button id="go">go</button><script>
    class Cell { constructor(i) { this.i = i; this.label = 'c' + (i & 255); } }
    function churn(n) { let sum = 0; for (let i = 0; i < n; i++) sum += new Cell(i).i; return sum; }
    window.kept = [];
    document.getElementById('go').onclick = () => { churn(300000); kept.push(new Cell(-1)); };
  </script>`;
  const heavy = {
    file: 'bench:allocation-heavy',
    name: 'allocation-heavy page (300k objects/it)',
    scenario: { url: 'data:text/html,' + encodeURIComponent(page), action: async (p: import('puppeteer').Page) => void (await p.click('#go')) },
  };
  const hb: Record<Mode, number> = { plain: Infinity, flags: Infinity, allocations: Infinity };
  for (let r = 0; r < repeat; r++) {
    for (const mode of modes) {
      const t = Date.now();
      const res = await huntScenario(browsers.get(mode)!.browser, heavy, { iterations, allocations: mode === 'allocations' });
      if (res.status === 'failed') throw new Error(`heavy page (${mode}) failed: ${res.error?.message}`);
      hb[mode] = Math.min(hb[mode], Date.now() - t);
    }
  }
  console.log(
    `${heavy.name.padEnd(40)} ${s(hb.plain).padStart(8)} ${s(hb.flags).padStart(8)} ${s(hb.allocations).padStart(10)} ${(hb.allocations / hb.plain).toFixed(2).padStart(6)}`,
  );
  console.log('\nmost common allocation site per leak:');
  for (const line of sites) console.log(line);
} finally {
  await browsers.get('plain')!.browser.close();
  await flagged.browser.close();
  await server.close();
}
