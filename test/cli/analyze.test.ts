// `leakhound analyze` on snapshots a real hunt saved: the same leaks as the hunt itself, and
// one clear line (exit 2) for snapshots of two sessions, a wrong order, or a truncated file.
import { expect } from 'chai';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, leakhound, tempDir } from './harness.js';

// Two bugs of different shapes: class instances pushed into a global registry, and detached
// DOM trees kept in a closure's cache.
const LEAKY_PAGE = `<!doctype html><button id="open">open</button><div id="host"></div><script>
class SearchIndex { constructor(q) { this.q = q; this.words = q.split(' '); } }
window.registry = [];
const panelCache = (() => { const kept = []; return { keep(el) { kept.push(el); } }; })();
document.getElementById('open').addEventListener('click', () => {
  window.registry.push(new SearchIndex('query number ' + registry.length));
  const panel = document.createElement('section');
  panel.innerHTML = '<h2>panel</h2><p>body</p>';
  document.getElementById('host').appendChild(panel);
  panel.remove();
  panelCache.keep(panel);
});
</script>`;

interface JsonLeak {
  signature: string;
  headline: string;
  classes: unknown[];
  ignored?: boolean;
}

const essentials = (leaks: JsonLeak[]) =>
  leaks.map((l) => ({ signature: l.signature, headline: l.headline, classes: l.classes })).sort((a, b) => a.signature.localeCompare(b.signature));

describe('leakhound analyze (snapshots saved by a real hunt)', function () {
  this.timeout(240_000);
  const t = tempDir();
  const site = join(t.dir, 'site');
  const snaps = (run: string) => {
    const dir = join(t.dir, run);
    const files = readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot'));
    const pick = (label: string) => join(dir, files.find((f) => f.endsWith(`-${label}.heapsnapshot`))!);
    return { baseline: pick('baseline'), middle: pick('middle'), final: pick('final') };
  };
  let hunt: { leaks: JsonLeak[]; iterations: number };

  before(async () => {
    ensureBuilt();
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'index.html'), LEAKY_PAGE);
    const sc = join(t.dir, 'leaky.mjs');
    writeFileSync(sc, `export default {\n  name: 'open panel',\n  url: '/index.html',\n  async action(page) { await page.click('#open'); },\n};\n`);
    // Two hunts: two HeapProfiler sessions of the same page, for the mixed-session case.
    for (const [run, iterations] of [['one', '6'], ['two', '4']]) {
      const r = await leakhound(['run', sc, '--serve', site, '--iterations', iterations, '--json', join(t.dir, `${run}.json`),
        '--save-snapshots', join(t.dir, run), '--progress', 'silent']);
      expect(r.code, r.stdout + r.stderr).to.equal(1);
    }
    hunt = JSON.parse(readFileSync(join(t.dir, 'one.json'), 'utf8')).scenarios[0];
  });
  after(() => t.cleanup());

  it('gives the same leaks (signatures, headlines, classes) as the hunt that saved them, in every report', async () => {
    const s = snaps('one');
    const out = (n: string) => join(t.dir, n);
    const r = await leakhound(['analyze', s.baseline, s.middle, s.final, '--iterations', '6', '--json', out('a.json'),
      '--junit', out('a.xml'), '--markdown', out('a.md'), '--html', out('a.html')]);
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stderr).to.equal(''); // --iterations given: no assumption to note
    const result = JSON.parse(readFileSync(out('a.json'), 'utf8'));
    expect(result.schemaVersion).to.equal(1);
    expect(result.browser).to.equal(null);
    const scenario = result.scenarios[0];
    expect(scenario.name).to.equal('open-panel');
    expect(scenario.iterations).to.equal(6);
    // The page's Window names its origin: the closest a snapshot comes to the url.
    expect(scenario.url).to.match(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(hunt.leaks.map((l) => l.headline)).to.include('SearchIndex');
    expect(essentials(scenario.leaks)).to.deep.equal(essentials(hunt.leaks));
    expect(r.stdout).to.include('SearchIndex').and.include('registry');
    for (const f of ['a.xml', 'a.md', 'a.html']) expect(readFileSync(out(f), 'utf8')).to.include('SearchIndex');
  });

  it('without --iterations: assumes 6 and says so on stderr', async () => {
    const s = snaps('one');
    const r = await leakhound(['analyze', s.baseline, s.middle, s.final]);
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stderr).to.match(/assuming 6 iterations/);
    expect(r.stdout).to.include('SearchIndex');
  });

  it('snapshots from two different sessions: exit 2, one line naming the pair', async () => {
    const one = snaps('one');
    const two = snaps('two');
    const r = await leakhound(['analyze', one.baseline, two.middle, two.final, '--iterations', '6']);
    expect(r.code, r.stdout + r.stderr).to.equal(2);
    expect(r.stdout).to.equal('');
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.include(one.baseline).and.include(two.middle).and.match(/different DevTools sessions/);
  });

  it('snapshots out of order: exit 2, one line saying which was taken first', async () => {
    const s = snaps('one');
    const r = await leakhound(['analyze', s.final, s.middle, s.baseline, '--iterations', '6']);
    expect(r.code, r.stdout + r.stderr).to.equal(2);
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.match(/was taken before/).and.match(/in the order they were taken/);
  });

  it('a truncated snapshot: exit 2, one line naming the file', async () => {
    const s = snaps('one');
    const cut = join(t.dir, 'cut-final.heapsnapshot');
    const size = statSync(s.final).size;
    const buf = Buffer.alloc(Math.floor(size / 2));
    const fd = openSync(s.final, 'r');
    readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    writeFileSync(cut, buf);
    const r = await leakhound(['analyze', s.baseline, s.middle, cut, '--iterations', '6']);
    expect(r.code, r.stdout + r.stderr).to.equal(2);
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.include(cut);
  });

  it('--iterations 1 is refused like run refuses it', async () => {
    const s = snaps('one');
    const r = await leakhound(['analyze', s.baseline, s.middle, s.final, '--iterations', '1']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/--iterations must be a whole number of at least 2/);
  });
});

describe('verbs load on demand', () => {
  it('loads only the verb named on the command line, none for --version, and every verb for help or a typo', async () => {
    const { COMMANDS, loadCommands } = await import('../../lib/cli/main.js');
    const loaded: string[] = [];
    const spy = COMMANDS.map((v) => ({ name: v.name, load: () => (loaded.push(v.name), v.load()) }));
    const one = await loadCommands(['--color', 'types', 'page.heapsnapshot', '--top', '3'], spy);
    expect(loaded).to.deep.equal(['types']);
    expect(one.map((c) => String(c.command).split(' ')[0])).to.deep.equal(['types']);
    loaded.length = 0;
    const all = await loadCommands(['--help'], spy);
    expect(loaded).to.have.length(COMMANDS.length);
    // Each entry's name is the verb its module defines: help lists them in this order.
    expect(all.map((c) => String(c.command).split(' ')[0])).to.deep.equal(COMMANDS.map((v) => v.name));
    loaded.length = 0;
    await loadCommands(['typo'], spy);
    expect(loaded).to.have.length(COMMANDS.length);
    loaded.length = 0;
    expect(await loadCommands(['--version'], spy)).to.deep.equal([]);
    expect(loaded, '--version needs no verb').to.deep.equal([]);
    await loadCommands(['--version', '--help'], spy);
    expect(loaded).to.have.length(COMMANDS.length);
  });
});
