// The hunt benchmark: wall time of a 6-iteration hunt of each demo scenario, split into
// browser start, page load + warm-up, iterations, snapshot capture and analysis; and the
// cost of our streaming parse on top of Chromium's own snapshot writing.
//   npm run bench:hunt [-- --iterations 6 --repeat 3]
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
const iterations = arg('iterations', 6);
const repeat = arg('repeat', 3);
const scenarioDir = join(root, 'scenarios');
const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.mjs')).sort();
const server = await startStaticServer({ root: join(scenarioDir, 'demo-app') });

const t0 = Date.now();
const launched = await launchBrowser();
const launchMs = Date.now() - t0;
const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
console.log(`leakhound hunt bench: ${launched.version}, ${iterations} iterations, best of ${repeat}`);
console.log(`browser start ${ms(launchMs)}\n`);
console.log('scenario                                  total     load+warm  iterations  snapshots  analysis  leaks');
try {
  for (const f of files) {
    const loaded = await loadScenario(join(scenarioDir, f));
    let best: Awaited<ReturnType<typeof huntScenario>> | undefined;
    let bestWall = Infinity;
    for (let r = 0; r < repeat; r++) {
      const t = Date.now();
      const res = await huntScenario(launched.browser, loaded, { baseUrl: server.url, iterations });
      const wall = Date.now() - t;
      if (wall < bestWall) {
        bestWall = wall;
        best = res;
      }
    }
    const tm = best!.timings;
    console.log(
      `${loaded.name.slice(0, 40).padEnd(40)} ${ms(bestWall).padStart(8)} ${ms(tm.loadMs).padStart(10)} ${ms(tm.iterationsMs).padStart(11)} ${ms(tm.snapshotMs).padStart(10)} ${ms(tm.analysisMs).padStart(9)}  ${best!.leaks.length}`,
    );
  }

  // A heavier page (≈ 600 k objects): where snapshot time, not fixed costs, dominates.
  {
    const big = await startStaticServer({ root: scenarioDir, mounts: {} });
    const page = `<!doctype html><button id="go">go</button><script>
      class Row { constructor(i) { this.id = i; this.label = 'row ' + i; this.tags = [i % 7, i % 11]; this.meta = { created: i }; } }
      window.table = Array.from({ length: 150000 }, (_, i) => new Row(i));
      window.kept = [];
      document.getElementById('go').onclick = () => kept.push(new Row(-1));
    </script>`;
    const loaded = {
      file: 'bench:heavy-page',
      name: 'heavy page (150k rows)',
      scenario: { url: 'data:text/html,' + encodeURIComponent(page), action: async (p: import('puppeteer').Page) => void (await p.click('#go')) },
    };
    const t = Date.now();
    const res = await huntScenario(launched.browser, loaded, { iterations });
    const tm = res.timings;
    console.log(
      `${loaded.name.padEnd(40)} ${ms(Date.now() - t).padStart(8)} ${ms(tm.loadMs).padStart(10)} ${ms(tm.iterationsMs).padStart(11)} ${ms(tm.snapshotMs).padStart(10)} ${ms(tm.analysisMs).padStart(9)}  ${res.leaks.length}`,
    );
    console.log(`  analysis = ${((tm.analysisMs / tm.snapshotMs) * 100).toFixed(1)}% of snapshot capture time on the heavy page`);
    await big.close();
  }

  // Chromium's own snapshot time (chunks dropped) against capture with our streaming parse.
  const context = await launched.browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  const heap = await HeapSession.open(page);
  const capture = async (parse: boolean) => {
    let best = Infinity;
    for (let r = 0; r < 5; r++) {
      await heap.collectGarbage();
      const parser = parse ? new HeapSnapshotParser() : undefined;
      const t = performance.now();
      await heap.takeSnapshot((c) => parser?.write(c));
      parser?.end();
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  const raw = await capture(false);
  const parsed = await capture(true);
  await heap.close();
  await context.close();
  console.log(`\nsnapshot of the demo page: Chromium alone ${raw.toFixed(0)} ms, with streaming parse ${parsed.toFixed(0)} ms (+${(((parsed - raw) / raw) * 100).toFixed(1)}%)`);
} finally {
  await launched.browser.close();
  await server.close();
}
