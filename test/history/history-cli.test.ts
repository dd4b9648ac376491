// --history as a nightly job uses it: the same scenario run three times by the real binary
// against a page that leaks, still leaks, then is fixed. The file grows by one row per
// scenario and signature, and the reports say new, still there since, fixed.
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, leakhound, tempDir } from '../cli/harness.js';
import { parseHistory } from '../../lib/history/rows.js';
import type { HuntResult } from '../../lib/analysis/result.js';
import { CLEAN_PAGE as FIXED, LEAKY_PAGE as LEAKY } from '../helpers/click-pages.js';

describe('run --history (real Chromium)', function () {
  this.timeout(300_000);
  const t = tempDir();
  const site = join(t.dir, 'site');
  const history = join(t.dir, 'leaks.ndjson');
  const scenario = join(t.dir, 'search.mjs');
  const run = async (page: string, extra: string[] = []) => {
    writeFileSync(join(site, 'index.html'), page);
    const json = join(t.dir, 'r.json');
    const r = await leakhound(['run', scenario, '--serve', site, '--history', history, '--json', json, '--progress', 'silent', ...extra]);
    return { ...r, result: JSON.parse(readFileSync(json, 'utf8')) as HuntResult };
  };
  before(() => {
    ensureBuilt();
    mkdirSync(site, { recursive: true });
    writeFileSync(scenario, `export default { name: 'search', url: '/index.html', async action(page) { await page.click('#open'); } };\n`);
  });
  after(() => t.cleanup());

  it('night 1: the leak is new; night 2: still there since night 1 and --fail-on new passes; night 3: fixed', async () => {
    const first = await run(LEAKY);
    expect(first.code, first.stderr).to.equal(1);
    const leak = first.result.scenarios[0].leaks[0];
    expect(leak.headline).to.equal('SearchIndex');
    expect(leak.history).to.deep.equal({ status: 'new' });
    expect(first.stdout).to.include('SearchIndex [new]');

    const second = await run(LEAKY, ['--fail-on', 'new', '--markdown', join(t.dir, 'r.md'), '--junit', join(t.dir, 'r.xml')]);
    expect(second.code, second.stdout + second.stderr).to.equal(0);
    const again = second.result.scenarios[0].leaks[0];
    expect(again.signature).to.equal(leak.signature);
    expect(again.history).to.deep.equal({ status: 'still', since: first.result.startedAt, runs: 2 });
    expect(second.stdout).to.include('still there since');
    expect(readFileSync(join(t.dir, 'r.md'), 'utf8')).to.include('still there since');
    expect(readFileSync(join(t.dir, 'r.xml'), 'utf8')).to.match(/message="1 leak: SearchIndex \(still there since [^"]+\(2 runs\)\)"/);

    const third = await run(FIXED, ['--html', join(t.dir, 'r.html')]);
    expect(third.code, third.stderr).to.equal(0);
    expect(third.result.scenarios[0].fixed).to.deep.equal([
      { signature: leak.signature, headline: 'SearchIndex', since: first.result.startedAt, lastSeen: second.result.startedAt },
    ]);
    expect(third.stdout).to.match(/fixed +SearchIndex/);
    expect(third.result.scenarios[0].trend!.map((p) => p.leaks)).to.deep.equal([1, 1, 0]);
    const html = readFileSync(join(t.dir, 'r.html'), 'utf8');
    expect(html).to.include('<svg class="trend"');
    expect((html.match(/<circle /g) ?? []).length).to.equal(3);

    const rows = parseHistory(readFileSync(history, 'utf8'));
    expect(rows.skipped).to.equal(0);
    expect(rows.rows.map((r) => r.signature)).to.deep.equal([leak.signature, leak.signature, null]);
    expect(new Set(rows.rows.map((r) => r.runId)).size).to.equal(3);
  });

  it('--fail-on new without --history is a usage error', async () => {
    const r = await leakhound(['run', scenario, '--serve', site, '--fail-on', 'new']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('--fail-on new needs --history');
  });
});
