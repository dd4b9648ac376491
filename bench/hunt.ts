// The hunt benchmark. First a head-to-head: one demo scenario hunted by leakhound and by
// fuite (bench/fuite/reports-chart.mjs, the same steps) on the same page, same Chromium,
// same iteration count, each tool's wall time from browser start to verdict, and where
// leakhound's time goes. Then each demo scenario, a heavy page, and whether parsing really
// overlaps Chromium's snapshot writing.
//   npm run bench:hunt [-- --iterations 7 --repeat 3 --quick --scenario settings-dialog]
// --scenario hunts another demo scenario; fuite runs only where bench/fuite has its file.
// fuite is installed on demand into bench/peers (never a dependency of leakhound itself).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findBrowser } from '../lib/browser/find-browser.js';
import { launchBrowser } from '../lib/browser/launch.js';
import { HeapSession } from '../lib/browser/heap-session.js';
import { HeapSnapshotParser } from '../lib/heap/parser.js';
import { loadScenario } from '../lib/scenario/load.js';
import { huntScenario } from '../lib/runner/hunt.js';
import { startStaticServer } from '../lib/static-server.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const quick = process.argv.includes('--quick');
const iterations = arg('iterations', 7);
const repeat = arg('repeat', 3);
const scenarioDir = join(root, 'scenarios');
const scenarioName = (() => {
  const i = process.argv.indexOf('--scenario');
  return i >= 0 ? process.argv[i + 1]! : 'reports-chart';
})();
const headToHead = join(scenarioDir, `${scenarioName}.mjs`);
const fuiteScenario = join(root, 'bench', 'fuite', `${scenarioName}.mjs`);
const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;

const server = await startStaticServer({ root: join(scenarioDir, 'demo-app') });
const chromium = await findBrowser();
const loaded = await loadScenario(headToHead);
const pageUrl = new URL(loaded.scenario.url ?? '/', server.url).href;

/** One leakhound hunt as `leakhound run` does it: launch, hunt, close. */
async function leakhoundOnce() {
  const phases: Record<string, number> = {};
  const t0 = performance.now();
  const launched = await launchBrowser({ browser: chromium.path });
  phases.launch = performance.now() - t0;
  let result;
  try {
    result = await huntScenario(launched.browser, loaded, { baseUrl: server.url, iterations, phases } as Parameters<typeof huntScenario>[2]);
  } finally {
    const tc = performance.now();
    await launched.browser.close();
    phases.close = performance.now() - tc;
  }
  const wall = performance.now() - t0;
  if (result.status === 'failed') throw new Error(`leakhound failed: ${result.error?.message}`);
  return { wall, phases, result, version: launched.version };
}

/** fuite's own API with its own Puppeteer, pointed at the same Chromium. */
async function fuiteOnce(findLeaks: FindLeaks) {
  const scenario = await import(pathToFileURL(fuiteScenario).href);
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const t0 = performance.now();
  let leaks = 0;
  for await (const { result } of findLeaks(pageUrl, { scenario, iterations, browserArgs: args, progress: false })) {
    if (result.failed) throw new Error(`fuite failed: ${result.error?.message ?? result.error}`);
    leaks += result.leaks?.detected ? 1 : 0;
  }
  return { wall: performance.now() - t0, leaks };
}

type FindLeaks = (url: string, opts: Record<string, unknown>) => AsyncIterable<{ result: { failed?: boolean; error?: { message?: string }; leaks?: { detected?: boolean } } }>;

/** Installs bench/peers (fuite, memlab, monaco-editor) once, without any browser download. */
function loadPeers(): string | undefined {
  const peers = join(root, 'bench', 'peers');
  const entry = join(peers, 'node_modules', 'fuite', 'src', 'index.js');
  if (!existsSync(entry)) {
    console.log('installing bench/peers (fuite) …');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--prefix', peers, '--no-audit', '--no-fund'], {
      stdio: 'inherit',
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
    });
    if (r.status !== 0 || !existsSync(entry)) return undefined;
  }
  return entry;
}

const PHASE_ORDER = ['launch', 'new page', 'attach', 'open', 'setup', 'actions', 'settle', 'gc+counters', 'cleanup+gc', 'listeners', 'snapshot capture', 'analysis', 'close page', 'close'];

function printPhases(wall: number, phases: Record<string, number>) {
  const p = { ...phases };
  // Chunks are parsed as they arrive, while Chromium still writes: that time is inside
  // `snapshot capture`, so it is shown under it and not added again.
  const parse = p['snapshot parse'];
  delete p['snapshot parse'];
  const known = Object.values(p).reduce((a, b) => a + b, 0);
  const rows = [...PHASE_ORDER.filter((k) => k in p), ...Object.keys(p).filter((k) => !PHASE_ORDER.includes(k))];
  for (const k of rows) {
    console.log(`  ${k.padEnd(18)} ${ms(p[k]!).padStart(8)}  ${((p[k]! / wall) * 100).toFixed(0).padStart(3)}%`);
    if (k === 'snapshot capture' && parse !== undefined) console.log(`    of which parsing ${ms(parse)} on our side, overlapped with Chromium's writing`);
  }
  console.log(`  ${'other'.padEnd(18)} ${ms(wall - known).padStart(8)}  ${(((wall - known) / wall) * 100).toFixed(0).padStart(3)}%`);
}

try {
  // ── Head-to-head ───────────────────────────────────────────────────────────────────────
  const fuiteEntry = existsSync(fuiteScenario) ? loadPeers() : undefined;
  if (fuiteEntry) process.env.PUPPETEER_EXECUTABLE_PATH = chromium.path;
  const findLeaks = fuiteEntry ? ((await import(pathToFileURL(fuiteEntry).href)) as { findLeaks: FindLeaks }).findLeaks : undefined;
  console.log(`hunt bench: "${loaded.name}", ${iterations} iterations, best of ${repeat}, ${chromium.path}`);
  let best: Awaited<ReturnType<typeof leakhoundOnce>> | undefined;
  let bestFuite: Awaited<ReturnType<typeof fuiteOnce>> | undefined;
  // Alternate the tools so a busy moment on a shared machine does not favour one of them.
  for (let r = 0; r < repeat; r++) {
    const lh = await leakhoundOnce();
    if (!best || lh.wall < best.wall) best = lh;
    console.log(`  run ${r + 1}: leakhound ${ms(lh.wall)} (${lh.result.leaks.filter((l) => !l.ignored).length} leak(s))`);
    if (findLeaks) {
      const fu = await fuiteOnce(findLeaks);
      if (!bestFuite || fu.wall < bestFuite.wall) bestFuite = fu;
      console.log(`  run ${r + 1}: fuite     ${ms(fu.wall)} (${fu.leaks ? 'leaks detected' : 'no leaks'})`);
    }
  }
  console.log(`\nleakhound ${ms(best!.wall)} (${best!.version}), where it goes:`);
  printPhases(best!.wall, best!.phases);
  if (bestFuite) {
    console.log(`fuite     ${ms(bestFuite.wall)}`);
    console.log(`ratio leakhound / fuite: ${(best!.wall / bestFuite.wall).toFixed(2)}x (goal ≤ 0.80x)`);
  } else {
    console.log(existsSync(fuiteScenario) ? 'fuite could not be installed into bench/peers: no comparison' : `no bench/fuite/${scenarioName}.mjs: no comparison`);
  }
  if (quick) process.exit(0);

  // ── Each demo scenario, one browser ─────────────────────────────────────────────────────
  const launched = await launchBrowser({ browser: chromium.path });
  try {
    console.log(`\nscenario                                  total     load+warm  iterations  snapshots  analysis  leaks`);
    for (const f of readdirSync(scenarioDir).filter((f) => f.endsWith('.mjs')).sort()) {
      const sc = await loadScenario(join(scenarioDir, f));
      const t = Date.now();
      const res = await huntScenario(launched.browser, sc, { baseUrl: server.url, iterations });
      const tm = res.timings;
      console.log(
        `${sc.name.slice(0, 40).padEnd(40)} ${ms(Date.now() - t).padStart(8)} ${ms(tm.loadMs).padStart(10)} ${ms(tm.iterationsMs).padStart(11)} ${ms(tm.snapshotMs).padStart(10)} ${ms(tm.analysisMs).padStart(9)}  ${res.leaks.length}`,
      );
    }

    // A heavier page (≈ 600 k objects): where snapshot time, not fixed costs, dominates.
    const page = `<!doctype html><button id="go">go</button><script>
      class Row { constructor(i) { this.id = i; this.label = 'row ' + i; this.tags = [i % 7, i % 11]; this.meta = { created: i }; } }
      window.table = Array.from({ length: 150000 }, (_, i) => new Row(i));
      window.kept = [];
      document.getElementById('go').onclick = () => kept.push(new Row(-1));
    </script>`;
    const heavy = {
      file: 'bench:heavy-page',
      name: 'heavy page (150k rows)',
      scenario: { url: 'data:text/html,' + encodeURIComponent(page), action: async (p: import('puppeteer').Page) => void (await p.click('#go')) },
    };
    const phases: Record<string, number> = {};
    const t = performance.now();
    const res = await huntScenario(launched.browser, heavy, { iterations, phases } as Parameters<typeof huntScenario>[2]);
    const wall = performance.now() - t;
    const tm = res.timings;
    console.log(
      `${heavy.name.padEnd(40)} ${ms(wall).padStart(8)} ${ms(tm.loadMs).padStart(10)} ${ms(tm.iterationsMs).padStart(11)} ${ms(tm.snapshotMs).padStart(10)} ${ms(tm.analysisMs).padStart(9)}  ${res.leaks.length}`,
    );
    printPhases(wall, phases);

    // Does parsing overlap Chromium's writing? Capture with chunks dropped, then parsed as
    // they stream; the difference is what parsing adds to the wall time.
    const context = await launched.browser.createBrowserContext();
    const p = await context.newPage();
    await p.goto(heavy.scenario.url);
    const heap = await HeapSession.open(p);
    const capture = async (parse: boolean) => {
      let bestMs = Infinity;
      let firstChunk = 0;
      let parseMs = 0;
      for (let r = 0; r < 3; r++) {
        const parser = parse ? new HeapSnapshotParser() : undefined;
        const t0 = performance.now();
        let first = 0;
        let pm = 0;
        await heap.takeSnapshot((c) => {
          if (!first) first = performance.now() - t0;
          const tp = performance.now();
          parser?.write(c);
          pm += performance.now() - tp;
        });
        const te = performance.now();
        parser?.end();
        pm += performance.now() - te;
        const total = performance.now() - t0;
        if (total < bestMs) [bestMs, firstChunk, parseMs] = [total, first, pm];
      }
      return { bestMs, firstChunk, parseMs };
    };
    const raw = await capture(false);
    const parsed = await capture(true);
    await heap.close();
    await context.close();
    console.log(
      `\nheavy-page snapshot: Chromium alone ${raw.bestMs.toFixed(0)} ms (first chunk after ${raw.firstChunk.toFixed(0)} ms); ` +
        `with streaming parse ${parsed.bestMs.toFixed(0)} ms, of which parsing ${parsed.parseMs.toFixed(0)} ms ` +
        `→ parse adds ${(parsed.bestMs - raw.bestMs).toFixed(0)} ms to the wall (${(((parsed.bestMs - raw.bestMs) / parsed.parseMs) * 100).toFixed(0)}% of its own time)`,
    );
  } finally {
    await launched.browser.close();
  }
} finally {
  await server.close();
}
