// The offline verbs end to end: the real binary on small snapshots, asserting what a user
// reads (tables, chains, files written) and what a script reads (--json, exit codes).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, leakhound, tempDir, writeSnapshot } from './harness.js';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { EVIL_CLASS, EVIL_ID, fooId, fooLabelId, LONELY_ID, pageSnapshot } from './fixtures.js';

describe('leakhound offline verbs', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => void;
  let snapBefore: string;
  let snapAfter: string;

  before(function () {
    this.timeout(120_000);
    ensureBuilt();
    ({ dir, cleanup } = tempDir());
    snapBefore = writeSnapshot(dir, 'before.heapsnapshot', pageSnapshot({ foos: 2, evil: true }));
    snapAfter = writeSnapshot(dir, 'after.heapsnapshot', pageSnapshot({ foos: 5, evil: true }));
  });
  after(() => cleanup?.());

  describe('types', () => {
    it('lists classes by count with self and retained sizes', async () => {
      const r = await leakhound(['types', snapAfter]);
      expect(r.code).to.equal(0);
      expect(r.stderr).to.equal('');
      const lines = r.stdout.split('\n');
      expect(lines[0]).to.match(/^Class\s+Count\s+Self size\s+Retained size$/);
      // Five Foo (32 B each) retaining their label strings (20 B each).
      expect(lines[1]).to.match(/^Foo\s+5\s+160 B\s+260 B$/);
      expect(r.stdout).to.match(/\n\d+ of \d+ classes; 20 objects, 512 B in total\n$/);
    });

    it('--top and --sort retained pick and order the rows', async () => {
      const r = await leakhound(['types', snapAfter, '--top', '1', '--sort', 'retained']);
      expect(r.code).to.equal(0);
      const rows = r.stdout.trim().split('\n');
      expect(rows).to.have.length(3);
      // The synthetic roots retain everything.
      expect(rows[1]).to.match(/^\(synthetic\)\s/);
    });

    it('--json gives the same numbers', async () => {
      const r = await leakhound(['types', snapAfter, '--json']);
      expect(r.code).to.equal(0);
      const j = JSON.parse(r.stdout);
      expect(j.objectCount).to.equal(20);
      expect(j.classes[0]).to.deep.equal({ className: 'Foo', count: 5, selfSize: 160, retainedSize: 260 });
    });

    it('colours only when asked: NO_COLOR by default here, --color forces it', async () => {
      const plain = await leakhound(['types', snapAfter]);
      expect(plain.stdout).not.to.include('\x1b[');
      const coloured = await leakhound(['types', snapAfter, '--color']);
      expect(coloured.stdout).to.include('\x1b[1mClass');
      const off = await leakhound(['types', snapAfter, '--no-color'], { FORCE_COLOR: '1', NO_COLOR: '' });
      expect(off.stdout).not.to.include('\x1b[');
    });
  });

  describe('count', () => {
    it('prints one number', async () => {
      const r = await leakhound(['count', snapAfter, 'Foo']);
      expect(r).to.deep.include({ code: 0, stdout: '5\n', stderr: '' });
    });

    it('--json', async () => {
      const r = await leakhound(['count', snapBefore, 'Foo', '--json']);
      expect(JSON.parse(r.stdout)).to.deep.include({ className: 'Foo', count: 2 });
    });
  });

  describe('by-type', () => {
    it('lists instances with sizes and distance from the window', async () => {
      const r = await leakhound(['by-type', snapAfter, 'Foo', '--limit', '2']);
      expect(r.code).to.equal(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).to.equal('Foo: 5 objects, the 2 that retain the most:');
      expect(lines[1]).to.match(/^Id\s+Self size\s+Retained size\s+Distance$/);
      expect(lines[2]).to.match(new RegExp(`^@${fooId(0)}\\s+32 B\\s+52 B\\s+3$`));
      expect(lines).to.have.length(4);
    });

    it('--json reports distance and root kind per object', async () => {
      const j = JSON.parse((await leakhound(['by-type', snapAfter, 'Foo', '--json'])).stdout);
      expect(j.count).to.equal(5);
      expect(j.objects.map((o: { id: number }) => o.id)).to.deep.equal([0, 1, 2, 3, 4].map(fooId));
      expect(j.objects[0]).to.deep.include({ distance: 3, fromGcRoot: false, retainedSize: 52 });
    });
  });

  describe('at', () => {
    it('shows one object with its edges and retainers', async () => {
      const r = await leakhound(['at', snapAfter, `@${fooId(1)}`]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(new RegExp(`^Foo @${fooId(1)}\\n`));
      expect(r.stdout).to.match(/retained size\s+52 B/);
      expect(r.stdout).to.match(/distance\s+3 from the page's window/);
      expect(r.stdout).to.match(/dominator\s+Array @\d+/);
      expect(r.stdout).to.match(new RegExp(`Edges \\(1\\)\\n.*\\n\\.label\\s+→ \\(string\\) "foo 1" @${fooLabelId(1)}\\s+20 B`));
      expect(r.stdout).to.match(/Retainers \(1\)\n.*\n\[1\]\s+← Array @\d+/);
    });

    it('accepts a bare id and prints JSON', async () => {
      const r = await leakhound(['at', snapAfter, String(fooId(0)), '--json']);
      const j = JSON.parse(r.stdout);
      expect(j.object).to.deep.include({ id: fooId(0), className: 'Foo', selfSize: 32, retainedSize: 52, distance: 3 });
      expect(j.edges.shown[0]).to.deep.include({ edgeType: 'property', edgeName: 'label', nodeId: fooLabelId(0) });
      expect(j.retainers.total).to.equal(1);
    });

    it('names the rule that skips an edge', async () => {
      const r = await leakhound(['at', snapAfter, `@${LONELY_ID}`]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/distance\s+no retainer chain/);
      expect(r.stdout).to.include('skipped: held by the DevTools protocol');
    });
  });

  describe('chain', () => {
    it('prints the chain root first, one object per line with the edge to the next', async () => {
      const r = await leakhound(['chain', snapAfter, `@${fooId(3)}`]);
      expect(r.code).to.equal(0);
      expect(r.stdout.trimEnd().split('\n').map((l) => l.replace(/\s+/g, ' ').trim())).to.deep.equal([
        "root: the page's window — Window (http://app.test/)",
        `Window / http://app.test/ @${r.stdout.match(/Window \/ http:\/\/app\.test\/ @(\d+)/)![1]} → .store`,
        `Object @${r.stdout.match(/Object @(\d+)/)![1]} → .items`,
        `Array @${r.stdout.match(/Array @(\d+)/)![1]} → [3]`,
        `Foo @${fooId(3)}`,
      ]);
    });

    it('--json lists the links with edge labels', async () => {
      const j = JSON.parse((await leakhound(['chain', snapAfter, `@${fooLabelId(0)}`, '--json'])).stdout);
      expect(j.found).to.equal(true);
      expect(j.root.kind).to.equal('window');
      expect(j.links.map((l: { edge: string | null }) => l.edge)).to.deep.equal(['.store', '.items', '[0]', '.label', null]);
      expect(j.links.at(-1)).to.deep.include({ nodeId: fooLabelId(0), className: '(string)' });
    });

    it('says so when the chain is longer than --max-depth, and exits 0', async () => {
      const r = await leakhound(['chain', snapAfter, `@${fooId(0)}`, '--max-depth', '2']);
      expect(r).to.deep.include({ code: 0, stderr: '' });
      expect(r.stdout).to.equal(`Foo @${fooId(0)}: no retainer chain within 2 steps\n`);
      const ok = await leakhound(['chain', snapAfter, `@${fooId(0)}`, '--max-depth', '3']);
      expect(ok.stdout).to.include(`Foo @${fooId(0)}`).and.to.include('→ [0]');
    });

    it('explains an object held only by skipped references', async () => {
      const r = await leakhound(['chain', snapAfter, `@${LONELY_ID}`]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/^Lonely @90003: no retainer chain: every reference to it is skipped \(held by the DevTools protocol/);
    });

    it('escapes page-controlled names in the terminal', async () => {
      const r = await leakhound(['chain', snapAfter, `@${EVIL_ID}`]);
      expect(r.stdout).to.include('→ ["x\\" -> pwn [label=\\""]');
      expect(r.stdout).to.include(`${EVIL_CLASS} @${EVIL_ID}`);
    });
  });

  describe('graph', () => {
    it('writes an SVG of the retainers, labels escaped', async () => {
      const out = join(dir, 'foo.svg');
      const r = await leakhound(['graph', snapAfter, `@${fooId(0)}`, `@${EVIL_ID}`, '-o', out]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.equal(`wrote ${out} (5 objects, 4 references)\n`);
      const svg = readFileSync(out, 'utf8');
      expect(svg.startsWith('<?xml') || svg.startsWith('<svg')).to.equal(true);
      expect(svg).to.include('<svg');
      for (const text of ['Foo', 'Array', 'Object', '.store', '.items', '[0]']) expect(svg).to.include(`>${text}<`);
      expect(svg).to.include('Evil&quot;&lt;b&gt;\\N&amp;');
      expect(svg).to.include('[&quot;x\\&quot; &#45;&gt; pwn [label=\\&quot;&quot;]');
      expect(svg).not.to.include('<b>');
    });

    it('writes DOT when asked, and cuts retainers beyond --too-many into "+N more"', async () => {
      const b = pageSnapshot({ foos: 0 });
      const shared = b.node({ name: 'Shared', id: 70001 });
      for (let i = 0; i < 6; i++) b.prop(b.gcRoots, `holder${i}`, b.node({ name: `Holder${i}` })).prop(b.nodeCount - 1, 'shared', shared);
      const snap = writeSnapshot(dir, 'shared.heapsnapshot', b);
      const out = join(dir, 'shared.dot');
      const r = await leakhound(['graph', snap, '@70001', '--too-many', '4', '--max-depth', '1', '-o', out, '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.include({ format: 'dot', objects: 5, references: 5 });
      const dot = readFileSync(out, 'utf8');
      expect(dot).to.match(/^digraph backrefs \{/);
      expect(dot).to.include('[label="+2 more"');
      expect(dot.match(/-> n\d+ \[label="\.shared"\]/g)).to.have.length(4);
    });
  });

  describe('diff', () => {
    it('lists the classes that grew and a chain for a new instance of each', async () => {
      const r = await leakhound(['diff', snapBefore, snapAfter]);
      expect(r.code).to.equal(0);
      expect(r.stderr).to.equal('');
      const lines = r.stdout.split('\n');
      expect(lines[0]).to.match(/^Class\s+Before\s+After\s+Delta\s+New\s+Deleted\s+Size delta$/);
      expect(lines[1]).to.match(/^Foo\s+2\s+5\s+\+3\s+3\s+0\s+\+96 B$/);
      expect(lines[2]).to.match(/^\(string\)\s+2\s+5\s+\+3\s+3\s+0\s+\+60 B$/);
      expect(r.stdout).to.include(`Foo: why is new object @${fooId(2)} alive?`);
      expect(r.stdout).to.match(new RegExp(`Array @\\d+\\s+→ \\[2\\]\\n\\s+Foo @${fooId(2)}\\n`));
    });

    it('--json, --top and --chains', async () => {
      const j = JSON.parse((await leakhound(['diff', snapBefore, snapAfter, '--json', '--top', '1', '--chains', '0'])).stdout);
      expect(j.classes).to.have.length(1);
      expect(j.classes[0]).to.deep.include({ className: 'Foo', added: 3, deleted: 0, delta: 3, countBefore: 2, countAfter: 5 });
      expect(j.classes[0].sampleIds).to.deep.equal([fooId(2), fooId(3), fooId(4)]);
      expect(j.chains).to.deep.equal([]);
    });

    it('says when nothing grew', async () => {
      const r = await leakhound(['diff', snapAfter, snapBefore]);
      expect(r).to.deep.include({ code: 0, stdout: 'no class grew\n' });
    });

    it('warns on stderr when the snapshots share (almost) no ids', async () => {
      const padded = (firstId: number) => {
        const b = new SnapshotBuilder();
        for (let i = 0; i < 300; i++) b.edge(b.gcRoots, b.node({ name: 'Pad', id: firstId + 2 * i }), 'element', i);
        return b;
      };
      const x = writeSnapshot(dir, 'x.heapsnapshot', padded(500001));
      const y = writeSnapshot(dir, 'y.heapsnapshot', padded(700001));
      const r = await leakhound(['diff', x, y, '--chains', '0']);
      expect(r.code).to.equal(0);
      expect(r.stderr).to.match(/^leakhound: the snapshots share almost no object ids .*\n$/);
      // Every Pad is replaced, none added on balance: nothing grew.
      expect(r.stdout).to.equal('no class grew\n');
      const same = await leakhound(['diff', x, x, '--chains', '0']);
      expect(same.stderr).to.equal('');
    });
  });
});
