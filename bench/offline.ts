// `npm run bench:offline`: leakhound's offline engine against memlab's on a real snapshot of
// a big page. Captures (once, cached in bench/out/) a heap snapshot of monaco-editor's editor
// holding a large document in Chromium, then times, each in a fresh process and best of
// --runs, (a) `leakhound types FILE --sort retained` from the compiled dist (parse, class
// stats, dominators and retained sizes, as users run it) and (b) memlab's
// `getFullHeapFromFile` (parse, dominators and retained sizes), recording wall time and
// peak RSS (/usr/bin/time -v). Targets (issue 10): ours ≤ 0.2× memlab's time and ≤ 0.5×
// its peak memory.
//
//   npm run bench:offline [-- --runs 3 --recapture --lines 60000 --file other.heapsnapshot]
//   npm run bench:offline -- --bin /elsewhere/bin/leakhound.js    (another build, e.g. before a change)
//
// memlab and monaco-editor are bench-only peers (bench/peers/package.json), installed here
// on demand so that leakhound's own install never pulls them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
const OUT = path.join(HERE, 'out');
const PEERS = path.join(HERE, 'peers');
const TIME_RATIO_TARGET = 0.2;
const MEMORY_RATIO_TARGET = 0.5;

interface Args {
  runs: number;
  recapture: boolean;
  lines: number;
  file?: string;
  bin: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 3, recapture: false, lines: 60_000, bin: path.join(ROOT, 'bin', 'leakhound.js') };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    const value = () => {
      const v = argv[++k];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') a.runs = Number(value());
    else if (arg === '--recapture') a.recapture = true;
    else if (arg === '--lines') a.lines = Number(value());
    else if (arg === '--file') a.file = value();
    else if (arg === '--bin') a.bin = path.resolve(value());
    else throw new Error(`unknown argument ${arg} (see the top of bench/offline.ts)`);
  }
  if (!Number.isInteger(a.runs) || a.runs < 1) throw new Error('--runs must be a positive integer');
  return a;
}

function ensurePeers(): void {
  const need = ['memlab', 'monaco-editor'].filter((p) => !existsSync(path.join(PEERS, 'node_modules', p, 'package.json')));
  if (need.length === 0) return;
  console.log(`installing bench peers (${need.join(', ')}) into bench/peers…`);
  const r = spawnSync('npm', ['install', '--prefix', PEERS, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    // fuite and memlab depend on puppeteer; the bench uses the system Chromium.
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  if (r.status !== 0) throw new Error('npm install --prefix bench/peers failed');
}

/** A page with monaco's editor (AMD build) over a large TypeScript document, split views, markers. */
function monacoPage(lines: number): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>monaco bench</title>
<style>html,body{margin:0;height:100%} #a,#b{width:100%;height:50%}</style></head>
<body><div id="a"></div><div id="b"></div>
<script src="/monaco/min/vs/loader.js"></script>
<script>
  require.config({ paths: { vs: '/monaco/min/vs' } });
  require(['vs/editor/editor.main'], function () {
    const out = [];
    for (let i = 0; i < ${lines}; i++) {
      out.push('export function handler' + i + '(event: { id: number; name: string }, scale = ' + i + '): string {');
      out.push('  const label = \`item \${event.name} #\${event.id * scale}\`; // line ' + i);
      out.push('  return label.padStart(' + (i % 40) + ', "-");');
      out.push('}');
    }
    const text = out.join('\\n');
    const model = monaco.editor.createModel(text, 'typescript', monaco.Uri.parse('file:///big.ts'));
    const a = monaco.editor.create(document.getElementById('a'), { model, minimap: { enabled: true } });
    const b = monaco.editor.create(document.getElementById('b'), { model, minimap: { enabled: false } });
    const css = monaco.editor.createModel(out.slice(0, 20000).map((l, i) => '.c' + i + ' { width: ' + i + 'px }').join('\\n'), 'css');
    monaco.editor.create(document.createElement('div'), { model: css });
    monaco.editor.setModelMarkers(model, 'bench', Array.from({ length: 5000 }, (_, i) => ({
      startLineNumber: i * 4 + 1, startColumn: 1, endLineNumber: i * 4 + 1, endColumn: 20, message: 'bench marker ' + i, severity: 8,
    })));
    for (let i = 0; i < 200; i++) a.revealLine(1 + i * 997 % (${lines} * 4));
    window.editors = [a, b];
    window.__ready = true;
  });
</script></body></html>`;
}

async function capture(file: string, lines: number): Promise<void> {
  // Imported here so that timing an existing file needs no browser code at all.
  const { launchBrowser } = await import('../lib/browser/launch.js');
  const { startStaticServer } = await import('../lib/static-server.js');
  const pageDir = path.join(OUT, 'monaco-page');
  mkdirSync(pageDir, { recursive: true });
  writeFileSync(path.join(pageDir, 'index.html'), monacoPage(lines));
  const server = await startStaticServer({
    root: pageDir,
    mounts: { '/monaco/': path.join(PEERS, 'node_modules', 'monaco-editor') },
  });
  const launched = await launchBrowser();
  try {
    const page = await launched.browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    await page.goto(`${server.url}/index.html`, { waitUntil: 'load' });
    await page.waitForFunction('window.__ready === true', { timeout: 120_000 });
    await new Promise((r) => setTimeout(r, 2000));
    // Plain CDP: the bench needs no leakhound hygiene, only the page's heap as DevTools saves it.
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const out = createWriteStream(file);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => void out.write(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
    await cdp.detach();
  } finally {
    await launched.browser.close();
    await server.close();
  }
}

interface Timing {
  seconds: number;
  /** User + system CPU of all the process's threads: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  maxRssMb: number;
}

/** One fresh process under /usr/bin/time -v: wall time and peak RSS as the kernel saw them. */
function timeOnce(cmd: string[], cwd: string): Timing {
  const r = spawnSync('/usr/bin/time', ['-v', ...cmd], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  if (!wall || !rss || !user || !sys) throw new Error(`cannot read /usr/bin/time output:\n${r.stderr.slice(-1000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, cpuSeconds: Number(user[1]) + Number(sys[1]), maxRssMb: (Number(rss[1]) * 1024) / 1e6 };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync('/usr/bin/time')) throw new Error('bench:offline needs /usr/bin/time (GNU time) for peak RSS');
  ensurePeers();
  mkdirSync(OUT, { recursive: true });
  const file = args.file ? path.resolve(args.file) : path.join(OUT, `monaco-${args.lines}.heapsnapshot`);
  if (!args.file && (args.recapture || !existsSync(file))) {
    console.log(`capturing ${path.relative(ROOT, file)} from monaco-editor's editor in Chromium…`);
    await capture(file, args.lines);
  }
  const mb = statSync(file).size / 1e6;
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('run `npm run build` first (the bench times dist/)');

  const ours = [process.execPath, args.bin, 'types', file, '--sort', 'retained', '--top', '5'];
  const memlabScript =
    "const {getFullHeapFromFile}=require('@memlab/heap-analysis');" +
    'getFullHeapFromFile(process.argv[1]).then(h=>{let n=0;h.nodes.forEach(()=>{n++});console.log(n)});';
  const memlab = [process.execPath, '-e', memlabScript, file];

  console.log(`offline bench: ${path.relative(ROOT, file)} (${mb.toFixed(0)} MB), best of ${args.runs}, each in a fresh process`);
  // Alternated, so that a burst of load elsewhere on the machine hits both tools alike.
  const a: Timing[] = [];
  const b: Timing[] = [];
  for (let i = 0; i < args.runs; i++) {
    a.push(timeOnce(ours, ROOT));
    b.push(timeOnce(memlab, PEERS));
  }
  const min = (ts: Timing[], k: keyof Timing) => Math.min(...ts.map((t) => t[k]));
  const line = (label: string, ts: Timing[]) =>
    console.log(
      `  ${label.padEnd(32)} ${min(ts, 'seconds').toFixed(2)} s wall, ${min(ts, 'cpuSeconds').toFixed(2)} s CPU, ` +
        `peak RSS ${min(ts, 'maxRssMb').toFixed(0)} MB   (wall: ${ts.map((t) => t.seconds.toFixed(2)).join(', ')} s)`,
    );
  line('leakhound types --sort retained', a);
  line('memlab getFullHeapFromFile', b);
  const tr = min(a, 'seconds') / min(b, 'seconds');
  const cr = min(a, 'cpuSeconds') / min(b, 'cpuSeconds');
  const mr = min(a, 'maxRssMb') / min(b, 'maxRssMb');
  const ok = (v: number, t: number) => (v <= t ? 'met' : 'NOT met');
  console.log(`  time ratio ${tr.toFixed(3)}x wall, ${cr.toFixed(3)}x CPU (target ≤ ${TIME_RATIO_TARGET}x: ${ok(tr, TIME_RATIO_TARGET)}); ` +
    `memory ratio ${mr.toFixed(3)}x (target ≤ ${MEMORY_RATIO_TARGET}x: ${ok(mr, MEMORY_RATIO_TARGET)})`);
  if (tr > TIME_RATIO_TARGET || mr > MEMORY_RATIO_TARGET) process.exitCode = 1;
}

await main();
