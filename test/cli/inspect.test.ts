// `leakhound inspect`: the real binary hunts a leaking page, keeps the headless browser open
// and exposes the leak as `$leak1`. The test attaches to that browser through the DevTools
// endpoint inspect prints (a second CDP client, as a developer's DevTools would) and checks
// that `$leak1` in the page is an instance of the leaked class; then ends inspect with
// Ctrl-C or by closing the browser and checks the exit code is run's.
import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { ROOT, ensureBuilt, leakhound, tempDir } from './harness.js';
import { CLEAN_PAGE, LEAKY_PAGE } from '../helpers/click-pages.js';


interface Live {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `leakhound inspect …` and resolves once it says the page stays open. */
function startInspect(args: string[]): Promise<Live> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'leakhound.js'), 'inspect', ...args], {
    cwd: ROOT,
    // No DISPLAY: inspect must choose headless and print how to attach.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  return new Promise((resolvePromise, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.includes('press Ctrl-C to end')) resolvePromise({ child, stdout: () => stdout, stderr: () => stderr, exited });
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`inspect exited (${code}) before the page was ready:\n${stdout}\n${stderr}`)));
  });
}

async function attach(stdout: string): Promise<Browser> {
  const ws = /ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\/[\w-]+/.exec(stdout)?.[0];
  expect(ws, `no browser endpoint printed:\n${stdout}`).to.be.a('string');
  return puppeteer.connect({ browserWSEndpoint: ws!, defaultViewport: null });
}

describe('leakhound inspect (real Chromium)', function () {
  this.timeout(300_000);
  const t = tempDir();
  const site = join(t.dir, 'site');
  const scenario = join(t.dir, 'leaky.mjs');
  const bare = join(t.dir, 'bare.mjs');
  before(() => {
    ensureBuilt();
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'index.html'), LEAKY_PAGE);
    writeFileSync(join(site, 'clean.html'), CLEAN_PAGE);
    writeFileSync(scenario, `export default { url: '/index.html', async action(page) { await page.click('#open'); } };\n`);
    // No url of its own: the page comes from the positional URL (`inspect URL --scenario F`).
    writeFileSync(bare, `export default { async action(page) { await page.click('#open'); } };\n`);
  });
  after(() => t.cleanup());

  it('exposes the leak as $leak1 in the open page, headless with an attach hint; Ctrl-C ends it with exit 1', async () => {
    const live = await startInspect([scenario, '--serve', site, '--exit-after', '240']);
    try {
      const out = live.stdout();
      expect(out).to.include('SearchIndex');
      expect(out).to.match(/^\$leak1 {2}SearchIndex {2}\(chain Window\.registry → Array\[\d+\] → SearchIndex\)$/m);
      expect(out).to.match(/http:\/\/127\.0\.0\.1:\d+\/devtools\/inspector\.html\?ws=127\.0\.0\.1:\d+\/devtools\/page\//);
      const browser = await attach(out);
      try {
        const pages = await browser.pages();
        const page = pages.find((p) => p.url().endsWith('/index.html'));
        expect(page, pages.map((p) => p.url()).join(', ')).to.not.equal(undefined);
        const seen = await page!.evaluate(() => {
          const w = window as unknown as { $leak1: object; registry: object[]; SearchIndex?: unknown };
          return {
            name: w.$leak1.constructor.name,
            // The very object the registry holds, not a copy.
            held: w.registry.includes(w.$leak1),
            enumerable: Object.keys(window).includes('$leak1'),
          };
        });
        expect(seen).to.deep.equal({ name: 'SearchIndex', held: true, enumerable: false });
      } finally {
        // Leave the browser running: it is inspect's to close.
        await browser.disconnect();
      }
      live.child.kill('SIGINT');
      expect(await live.exited, live.stderr()).to.equal(1);
    } finally {
      live.child.kill('SIGKILL');
    }
  });

  it('`inspect URL --scenario F`: closing the browser ends inspect', async () => {
    const { startStaticServer } = await import('../../lib/static-server.js');
    const server = await startStaticServer({ root: site });
    try {
      const live = await startInspect([`${server.url}/index.html`, '--scenario', bare, '--iterations', '4', '--exit-after', '240']);
      try {
        expect(live.stdout()).to.match(/^\$leak1 {2}SearchIndex/m);
        const browser = await attach(live.stdout());
        await browser.close();
        expect(await live.exited, live.stderr()).to.equal(1);
      } finally {
        live.child.kill('SIGKILL');
      }
    } finally {
      await server.close();
    }
  });

  it('a detached DOM leak: $leak1 is the detached element itself (a Blink node reached by its heap id)', async () => {
    const { inspectScenario } = await import('../../lib/runner/inspect.js');
    const { loadScenario } = await import('../../lib/scenario/load.js');
    const { startStaticServer } = await import('../../lib/static-server.js');
    writeFileSync(
      join(site, 'detached.html'),
      `<!doctype html><button id="open">open</button><div id="host"></div><script>
const kept = [];
document.getElementById('open').addEventListener('click', () => {
  const row = document.createElement('div');
  document.getElementById('host').append(row);
  row.remove();
  kept.push(row); // BUG: removed rows are kept
});
</script>`,
    );
    const file = join(t.dir, 'detached.mjs');
    writeFileSync(file, `export default { url: '/detached.html', async action(page) { await page.click('#open'); } };\n`);
    const server = await startStaticServer({ root: site });
    const session = await inspectScenario(await loadScenario(file), { baseUrl: server.url, headful: false, iterations: 4 });
    try {
      expect(session.result.status).to.equal('leaks');
      expect(session.exposed).to.have.length(session.result.leaks.length);
      expect(session.exposed[0]!.exposed?.className).to.equal('Detached <div>');
      const seen = await session.page.evaluate('[$leak1 instanceof HTMLDivElement, kept.includes($leak1), $leak1.isConnected]');
      expect(seen).to.deep.equal([true, true, false]);
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('--no-wait exits at once: 0 and nothing to expose on a clean page', async () => {
    const clean = join(t.dir, 'clean.mjs');
    writeFileSync(clean, `export default { url: '/clean.html', async action(page) { await page.click('#open'); } };\n`);
    const r = await leakhound(['inspect', clean, '--serve', site, '--no-wait', '--progress', 'silent']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include('No leaks to expose.');
    expect(r.stdout).to.not.include('Ctrl-C');
  });

  it('one line per leak: engine plumbing folds into a path; what could not be exposed says why', async () => {
    const { exposureLines, hasDisplay } = await import('../../lib/cli/commands/inspect.js');
    const step = (className: string, edge: [string, string] | null, leaked = false) => ({
      nodeId: 1,
      className,
      nodeType: 'object',
      edge: edge && { name: edge[0], type: edge[1] },
      suspect: false,
      leaked,
    });
    const leak = {
      signature: 'abc',
      kind: 'detached-dom' as const,
      headline: 'Detached <div>',
      bytesPerIteration: 0,
      objects: 4,
      classes: [],
      sharedBy: 4,
      chain: [
        step('Window [JSGlobalObject] / http://x', ['native_context', 'internal']),
        step('system / NativeContext / http://x', ['script_context_table', 'internal']),
        step('system / ScriptContextTable', ['2', 'element']),
        step('system / Context / scope', ['kept', 'context']),
        step('Array', ['1', 'element']),
        step('Detached <div>', null, true),
      ],
    };
    const lines = exposureLines([
      { name: '$leak1', leak, exposed: { nodeId: 1, className: 'Detached <div>' } },
      { name: '$leak2', leak: { ...leak, headline: 'resize listeners', chain: [] }, problem: 'no object: a listener-only finding' },
    ]);
    expect(lines[0]).to.equal('$leak1  Detached <div>  (chain Window.native_context.script_context_table[2].kept → Array[1] → Detached <div>)');
    expect(lines[1]).to.equal('$leak2  resize listeners  (not exposed: no object: a listener-only finding)');
    expect(exposureLines([])).to.deep.equal(['No leaks to expose.']);
    if (process.platform === 'linux') {
      expect(hasDisplay({ DISPLAY: ':0' })).to.equal(true);
      expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).to.equal(true);
      expect(hasDisplay({})).to.equal(false);
    }
  });

  it('usage errors are one line with exit 2', async () => {
    const url = await leakhound(['inspect', 'http://127.0.0.1:9/']);
    expect(url.code).to.equal(2);
    expect(url.stderr.trim()).to.match(/^leakhound: http:\/\/127\.0\.0\.1:9\/ looks like a URL: pass the scenario file with --scenario F/);
    const both = await leakhound(['inspect', 'http://127.0.0.1:9/', '--scenario', scenario, '--serve', site]);
    expect(both.code).to.equal(2);
    expect(both.stderr.split('\n').filter(Boolean)).to.have.length(1);
  });
});
