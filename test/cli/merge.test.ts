// `leakhound merge` as a CI matrix uses it: the demo app swept in three shards by the real
// binary, merged, must equal the unsharded sweep; a missing or corrupt shard is one line
// naming it, the rest is still merged, and the exit code says failed.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, leakhound, tempDir } from './harness.js';
import { DEMO_APP, DEMO_SCENARIOS, plainDemoSweep, readResult, verdictsOf } from '../helpers/demo-sweep.js';

describe('leakhound merge (real Chromium shards)', function () {
  this.timeout(300_000);
  const t = tempDir();
  const shardFile = (i: number) => join(t.dir, `shard-${i}.json`);
  // Not the sorted order --shard uses: merge must restore the order the sweep was given in.
  const files = [DEMO_SCENARIOS[2], DEMO_SCENARIOS[0], DEMO_SCENARIOS[3], DEMO_SCENARIOS[1]];
  before(async () => {
    ensureBuilt();
    for (let i = 1; i <= 3; i++) {
      const r = await leakhound(['run', ...files, '--serve', DEMO_APP, '--shard', `${i}/3`, '--json', shardFile(i), '--progress', 'silent']);
      expect(r.code, r.stderr).to.be.oneOf([0, 1]);
    }
  });
  after(() => t.cleanup());

  it('shards 1/3..3/3 merged equal the unsharded run: scenarios, statuses, signatures, order; same reports and exit code', async () => {
    const plain = await plainDemoSweep();
    const out = (n: string) => join(t.dir, n);
    const r = await leakhound([
      'merge', shardFile(1), shardFile(2), shardFile(3),
      '--json', out('merged.json'), '--junit', out('m.xml'), '--markdown', out('m.md'), '--html', out('m.html'),
    ]);
    expect(r.code, r.stderr).to.equal(plain.cli.code);
    const merged = readResult(out('merged.json'));
    const byName = new Map(verdictsOf(plain.result).map((v) => [v.name, v]));
    const plainInGivenOrder = files.map((f) => verdictsOf(plain.result)[DEMO_SCENARIOS.indexOf(f)]);
    expect(verdictsOf(merged)).to.deep.equal(plainInGivenOrder);
    expect(byName.size).to.equal(4);
    expect(merged.scenarios.map((s) => s.file)).to.deep.equal(files);
    expect(merged.shard).to.equal(undefined);
    const xml = readFileSync(out('m.xml'), 'utf8');
    expect((xml.match(/<testcase /g) ?? []).length).to.equal(4);
    expect(xml).to.match(/tests="4" failures="3" errors="0"/);
    expect(readFileSync(out('m.md'), 'utf8')).to.include('3 leaking, 0 failed, 1 clean');
    expect(readFileSync(out('m.html'), 'utf8')).to.include('NotificationRow');
    expect(r.stdout).to.include('4 scenarios');
  });

  it('--history on the merged result: the second night the same leaks are still there and --fail-on new passes', async () => {
    const history = join(t.dir, 'h.ndjson');
    const args = ['merge', shardFile(1), shardFile(2), shardFile(3), '--history', history, '--fail-on', 'new'];
    const first = await leakhound([...args, '--json', join(t.dir, 'n1.json')]);
    expect(first.code, first.stderr).to.equal(1);
    const second = await leakhound([...args, '--json', join(t.dir, 'n2.json')]);
    expect(second.code, second.stderr).to.equal(0);
    const leaks = readResult(join(t.dir, 'n2.json')).scenarios.flatMap((s) => s.leaks);
    expect(leaks.length).to.be.greaterThan(0);
    expect(leaks.every((l) => l.history?.status === 'still')).to.equal(true);
    expect(second.stdout).to.include('still there since');
  });

  it('a missing and a corrupt shard: one line each naming the file, the others merged, exit 3', async () => {
    const corrupt = join(t.dir, 'shard-cut.json');
    writeFileSync(corrupt, readFileSync(shardFile(2), 'utf8').slice(0, 200));
    const missing = join(t.dir, 'shard-nope.json');
    const json = join(t.dir, 'partial.json');
    const r = await leakhound(['merge', shardFile(1), corrupt, missing, '--json', json]);
    expect(r.code).to.equal(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).to.deep.equal([
      `leakhound: ${corrupt}: not valid JSON (cut short?); merged the other results`,
      `leakhound: ${missing}: no such file; merged the other results`,
    ]);
    const merged = readResult(json);
    const fromShard1 = readResult(shardFile(1)).scenarios.map((s) => s.name);
    expect(merged.scenarios).to.have.length(4);
    for (const s of merged.scenarios) {
      if (fromShard1.includes(s.name)) expect(s.status).to.not.equal('failed');
      else expect(s.error?.message).to.include('shard-nope.json (no such file)');
    }
    expect(merged.scenarios.map((s) => s.file)).to.deep.equal(files);
  });
});
