// The heap pipeline exactly as users run it: compiled JavaScript (dist/), plain `node`, no
// TypeScript loader (tsx adds 20–30 MB of its own to bench/run.ts's figures).
//   npm run build && node bench/pipeline.mjs bench/out/synthetic-3000000.heapsnapshot
import { statSync } from 'node:fs';
import { readHeapSnapshot, createInternalsFilter, computeRetainerPaths, computeDominators } from '../dist/heap/index.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/pipeline.mjs FILE.heapsnapshot');
  process.exit(2);
}
const size = statSync(file).size;
const t0 = performance.now();
const s = await readHeapSnapshot(file);
const t1 = performance.now();
void s.retainers;
const t2 = performance.now();
const paths = computeRetainerPaths(s, { filter: createInternalsFilter(s) });
const t3 = performance.now();
computeDominators(s, paths);
const t4 = performance.now();
const rss = (process.resourceUsage().maxRSS * 1024) / 1e6; // maxRSS is in KiB
const budget = (1.5 * size) / 1e6 + 150;
const sec = (a, b) => ((b - a) / 1000).toFixed(2);
console.log(
  `${(size / 1e6).toFixed(0)} MB, ${s.nodeCount.toLocaleString('en-US')} nodes: parse ${sec(t0, t1)} s (${(size / 1e6 / ((t1 - t0) / 1000)).toFixed(0)} MB/s)` +
    ` + retainers ${sec(t1, t2)} + paths ${sec(t2, t3)} + dominators ${sec(t3, t4)} = ${sec(t0, t4)} s; ` +
    `peak RSS ${rss.toFixed(0)} MB (budget ${budget.toFixed(0)} MB)`,
);
