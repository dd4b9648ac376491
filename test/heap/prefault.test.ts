// Faulting a big snapshot's columns in on a helper thread (heap/prefault.ts): the helper
// must never change a byte, even one the parser writes at the same moment, and a parse
// with it must equal one without.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prefault } from '../../lib/heap/prefault.js';
import { readHeapSnapshot } from '../../lib/heap/read.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';

function manyEdges(objects: number): string {
  const b = new SnapshotBuilder();
  const nodes: number[] = [];
  for (let i = 0; i < objects; i++) nodes.push(b.node({ name: `C${i % 41}`, selfSize: 8 + (i % 90) }));
  b.edge(b.gcRoots, nodes[0], 'element', 1);
  for (let i = 0; i < objects; i++) {
    for (let j = 0; j < 12; j++) {
      const to = nodes[(i * 13 + j * 101) % objects];
      if (j % 3 === 0) b.edge(nodes[i], to, 'element', j);
      else b.prop(nodes[i], `p${(i + j) % 300}`, to);
    }
  }
  return b.toJSON();
}

function columns(s: HeapSnapshot) {
  return [s.nodeType, s.nodeName, s.nodeId, s.nodeSelfSize, s.firstEdge, s.edgeType, s.edgeNameOrIndex, s.edgeTo];
}

describe('prefault (columns faulted in on a helper thread)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'leakhound-prefault-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('touches every page without changing a byte, while this thread writes the same buffers', async () => {
    const pages = 16384;
    const buffers = [new SharedArrayBuffer(pages * 4096), new SharedArrayBuffer(pages * 4096)];
    const views = buffers.map((b) => new Uint8Array(b));
    const value = (page: number, round: number) => ((page + round) % 251) + 1;
    // Every page's first byte (the one the helper touches) holds a value before it starts…
    for (const v of views) for (let p = 0; p < pages; p++) v[p * 4096] = value(p, 0);
    const helper = prefault([{ buffer: buffers[0] }, { buffer: buffers[1], fromEnd: true }]);
    // …and the odd pages are rewritten for longer than the helper takes to walk 128 MB.
    let round = 1;
    for (const until = Date.now() + 1500; Date.now() < until; round++) {
      for (const v of views) for (let p = 1; p < pages; p += 2) v[p * 4096] = value(p, round);
    }
    expect(await helper.done).to.equal(true);
    for (const v of views) {
      for (let p = 0; p < pages; p++) {
        const want = value(p, p % 2 === 0 ? 0 : round - 1);
        if (v[p * 4096] !== want) expect.fail(`page ${p} holds ${v[p * 4096]}, not ${want}`);
      }
    }
  });

  it('stops when asked, and a stopped helper reports it did not finish', async () => {
    const helper = prefault([{ buffer: new SharedArrayBuffer(256 << 20) }]);
    helper.stop();
    expect(await helper.done).to.equal(false);
  });

  it('a parse with the helper equals one without, columns on shared memory only with it', async () => {
    const text = manyEdges(60_000);
    const file = path.join(dir, 'big.heapsnapshot');
    writeFileSync(file, text);
    const plain = await readHeapSnapshot(file, { prefaultFrom: Infinity });
    const helped = await readHeapSnapshot(file, { prefaultFrom: 0 });
    expect(helped.edgeCount).to.equal(plain.edgeCount).and.to.be.greaterThan(700_000);
    const a = columns(plain);
    const b = columns(helped);
    for (let k = 0; k < a.length; k++) {
      expect(a[k].buffer).to.be.instanceOf(ArrayBuffer);
      expect(b[k].buffer).to.be.instanceOf(SharedArrayBuffer);
      const x = Buffer.from(a[k].buffer, a[k].byteOffset, a[k].byteLength);
      const y = Buffer.from(b[k].buffer, b[k].byteOffset, b[k].byteLength);
      expect(x.equals(y), `column ${k}`).to.equal(true);
    }
    expect(helped.stringCount).to.equal(plain.stringCount);
  });

  it('reports a corrupt file the same way with the helper', async () => {
    const text = manyEdges(5_000);
    const end = text.indexOf(']', text.indexOf('"edges":['));
    const file = path.join(dir, 'bad.heapsnapshot');
    writeFileSync(file, text.slice(0, end - 5) + 'x' + text.slice(end - 4));
    const message = async (prefaultFrom: number) => {
      try {
        await readHeapSnapshot(file, { prefaultFrom });
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    const plain = await message(Infinity);
    expect(plain).to.match(/corrupt snapshot: .* in "edges"/);
    expect(await message(0)).to.equal(plain);
  });
});
