// `leakhound run` as a user runs it: real binary, real Chromium, pages served from a temp
// folder with --serve. Exit codes and the one-line errors are the contract CI relies on.
import { expect } from 'chai';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, leakhound, tempDir } from './harness.js';
import { closedPort } from '../helpers/browser-fixtures.js';
import { CLEAN_PAGE, LEAKY_PAGE } from '../helpers/click-pages.js';


const scenario = (body: string) => `export default {\n  url: '/index.html',\n${body}\n};\n`;
const CLICK = `  async action(page) { await page.click('#open'); },`;

describe('leakhound run (real Chromium)', function () {
  this.timeout(120_000);
  const t = tempDir();
  const site = join(t.dir, 'site');
  const file = (name: string, text: string) => {
    const p = join(t.dir, name);
    writeFileSync(p, text);
    return p;
  };
  before(() => {
    ensureBuilt();
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'index.html'), LEAKY_PAGE);
    writeFileSync(join(site, 'clean.html'), CLEAN_PAGE);
  });
  after(() => t.cleanup());

  it('finds a leak: exit 1, terminal report with the chain, and JSON/JUnit/Markdown/HTML files', async () => {
    const sc = file('leaky.mjs', scenario(`  name: 'click open',\n${CLICK}`));
    const out = (n: string) => join(t.dir, n);
    const r = await leakhound([
      'run', sc, '--serve', site, '--json', out('r.json'), '--junit', out('r.xml'),
      '--markdown', out('r.md'), '--html', out('r.html'), '--save-snapshots', out('snaps'), '--progress', 'silent',
    ]);
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stdout).to.include('SearchIndex').and.include('registry');
    const json = JSON.parse(readFileSync(out('r.json'), 'utf8'));
    expect(json.schemaVersion).to.equal(1);
    expect(json.browser.version).to.match(/Chrom/);
    const leak = json.scenarios[0].leaks[0];
    expect(leak.headline).to.equal('SearchIndex');
    expect(leak.classes[0].perIteration).to.equal(1);
    expect(leak.chain.map((s: { edge: { name: string } | null }) => s.edge?.name)).to.include('registry');
    expect(leak.chain.some((s: { suspect: boolean }) => s.suspect)).to.equal(true);
    expect(json.scenarios[0].counters).to.have.length(7);
    expect(readFileSync(out('r.xml'), 'utf8')).to.include('<failure');
    expect(readFileSync(out('r.md'), 'utf8')).to.include('SearchIndex');
    expect(readFileSync(out('r.html'), 'utf8')).to.include('SearchIndex');
    expect(readdirSync(out('snaps')).filter((f) => f.endsWith('.heapsnapshot'))).to.have.length(3);
  });

  it('--allocations: each leak names where its objects were allocated, in the terminal and the JSON', async () => {
    const sc = file('leaky-alloc.mjs', scenario(`  name: 'click open',\n${CLICK}`));
    const r = await leakhound(['run', sc, '--serve', site, '--allocations', '--json', join(t.dir, 'a.json'), '--progress', 'silent']);
    expect(r.code, r.stderr).to.equal(1);
    // The inline script's `new SearchIndex(`, in document lines and columns (1-based).
    const lines = LEAKY_PAGE.split('\n');
    const line = lines.findIndex((l) => l.includes('new SearchIndex(')) + 1;
    const column = lines[line - 1].indexOf('new SearchIndex(') + 1;
    expect(r.stdout).to.include('allocated at 6 of 6 SearchIndex instances  (no source map)');
    expect(r.stdout).to.include(`/index.html:${line}:${column}`);
    const site0 = JSON.parse(readFileSync(join(t.dir, 'a.json'), 'utf8')).scenarios[0].leaks[0].allocations[0];
    expect(site0.count).to.equal(6);
    expect(site0.frames[0]).to.include({ line, column, callSite: true, note: 'no source map' });
  });

  it('--accept a previous result: the same leak is reported as accepted and the run passes (signatures are stable)', async () => {
    const sc = join(t.dir, 'leaky.mjs');
    const r = await leakhound(['run', sc, '--serve', site, '--accept', join(t.dir, 'r.json'), '--json', join(t.dir, 'again.json'), '--progress', 'silent']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const leak = JSON.parse(readFileSync(join(t.dir, 'again.json'), 'utf8')).scenarios[0].leaks[0];
    expect(leak.headline).to.equal('SearchIndex');
    expect(leak.ignored).to.equal(true);
  });

  it('--shard runs its share of the scenarios; a malformed shard is a usage error', async () => {
    const { selectShard } = await import('../../lib/cli/commands/run.js');
    expect(selectShard(['d', 'a', 'c', 'b'], '1/2')).to.deep.equal(['a', 'c']);
    expect(selectShard(['d', 'a', 'c', 'b'], '2/2')).to.deep.equal(['b', 'd']);
    const r = await leakhound(['run', join(t.dir, 'leaky.mjs'), '--serve', site, '--shard', '3/2']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('--shard 3/2');
  });

  it('reports nothing on a clean page: exit 0', async () => {
    const sc = file('clean.mjs', scenario(`  url: '/clean.html',\n${CLICK}`).replace("url: '/index.html',\n", ''));
    const r = await leakhound(['run', sc, '--serve', site, '--iterations', '4', '--progress', 'silent']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.match(/CLEAN/);
  });

  it('a scenario that throws fails with its step and message (exit 3) and keeps the other results', async () => {
    const bad = file('throws.mjs', scenario(`  name: 'throws',\n  async action() { throw new Error('the button is gone'); },`));
    const good = file('leaky2.mjs', scenario(`  name: 'still hunted',\n${CLICK}`));
    const json = join(t.dir, 'partial.json');
    const r = await leakhound(['run', bad, good, '--serve', site, '--json', json, '--progress', 'silent']);
    expect(r.code).to.equal(3);
    expect(r.stdout).to.include('the button is gone').and.include('action (warm-up)');
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.scenarios.map((s: { status: string }) => s.status)).to.deep.equal(['failed', 'leaks']);
    expect(r.stderr).to.not.match(/\n\s+at /);
  });

  it('a page that crashes fails the scenario (exit 3) naming the step', async () => {
    const sc = file('crash.mjs', scenario(`  async action(page) { await page.goto('chrome://crash').catch(() => {}); },`));
    const r = await leakhound(['run', sc, '--serve', site, '--progress', 'silent']);
    expect(r.code).to.equal(3);
    expect(r.stdout).to.match(/crash/i);
  });

  it('a URL that does not answer: exit 3 with the URL', async () => {
    const port = await closedPort();
    const sc = file('nowhere.mjs', scenario(CLICK));
    const r = await leakhound(['run', sc, '--url', `http://127.0.0.1:${port}/`, '--progress', 'silent']);
    expect(r.code).to.equal(3);
    expect(r.stdout).to.include(`127.0.0.1:${port}`).and.include('ERR_CONNECTION_REFUSED');
  });

  it('a missing browser: one line saying how to get one, exit 3', async () => {
    const sc = file('any.mjs', scenario(CLICK));
    const r = await leakhound(['run', sc, '--serve', site, '--browser', join(t.dir, 'no-chrome'), '--progress', 'silent']);
    expect(r.code).to.equal(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include('no-chrome');
  });

  it('usage errors: unknown flag, missing scenario file, bad --iterations → exit 2, one line', async () => {
    const sc = file('ok.mjs', scenario(CLICK));
    for (const args of [
      ['run', sc, '--serve', site, '--frobnicate'],
      ['run', join(t.dir, 'missing.mjs'), '--serve', site],
      ['run', sc, '--serve', site, '--iterations', '1'],
      ['run', sc],
    ]) {
      const r = await leakhound(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).to.have.length(1);
    }
  });
});

