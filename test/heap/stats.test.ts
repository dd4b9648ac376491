import { expect } from 'chai';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { classStatistics, countByClass, nodesOfClass } from '../../lib/heap/stats.js';
import { computeDominators } from '../../lib/heap/dominators.js';
import { load } from './fixtures.js';

describe('heap/stats', () => {
  /**
   *  (Global handles) ─▶ a:Foo(10) ─▶ b:Foo(20) ─▶ c:Bar(5)
   *                 └──▶ d:Foo(30)
   *                 └──▶ e:Bar(7) ─▶ z:(number, size 0)
   */
  function graph() {
    const b = new SnapshotBuilder();
    const g = b.rootGroup('(Global handles)');
    const a = b.node({ name: 'Foo', selfSize: 10 });
    const bb = b.node({ name: 'Foo', selfSize: 20 });
    const c = b.node({ name: 'Bar', selfSize: 5 });
    const d = b.node({ name: 'Foo', selfSize: 30 });
    const e = b.node({ name: 'Bar', selfSize: 7 });
    const z = b.node({ type: 'number', name: 'smi number', selfSize: 0 });
    b.edge(g, a, 'internal', 1).edge(g, d, 'internal', 2).edge(g, e, 'internal', 3);
    b.prop(a, 'next', bb).prop(bb, 'bar', c).prop(e, 'n', z);
    return { s: load(b), a, bb, c, d, e, z };
  }

  it('counts and sizes per class, most numerous first, without zero-size nodes', () => {
    const { s } = graph();
    const stats = classStatistics(s);
    const byName = Object.fromEntries(stats.map((r) => [r.className, r]));
    expect(stats[0].className).to.equal('Foo');
    expect(byName.Foo).to.include({ count: 3, selfSize: 60 });
    expect(byName.Bar).to.include({ count: 2, selfSize: 12 });
    expect(byName['(number)']).to.equal(undefined);
    const all = classStatistics(s, { includeZeroSize: true });
    expect(all.find((r) => r.className === '(number)')).to.include({ count: 1, selfSize: 0 });
  });

  it('computes class retained size without counting nested members twice', () => {
    const { s, a } = graph();
    const dominators = computeDominators(s);
    expect(dominators.retainedSize[a]).to.equal(35);
    const byName = Object.fromEntries(classStatistics(s, { dominators }).map((r) => [r.className, r]));
    // a retains b (also Foo) and c: Foo = a(35) + d(30), not + b(25).
    expect(byName.Foo.retainedSize).to.equal(65);
    // c sits under a Foo, not under a Bar: Bar = c(5) + e(7).
    expect(byName.Bar.retainedSize).to.equal(12);
    expect(classStatistics(s, { retained: false }).every((r) => r.retainedSize === 0)).to.equal(true);
  });

  it('counts unreachable members at their self size', () => {
    const b = new SnapshotBuilder();
    b.node({ name: 'Lost', selfSize: 9 });
    const s = load(b);
    expect(classStatistics(s).find((r) => r.className === 'Lost')).to.deep.equal({
      className: 'Lost',
      count: 1,
      selfSize: 9,
      retainedSize: 9,
    });
  });

  it('matches the definition of class retained size on random heaps (nested members, zero sizes, unreachable)', () => {
    let seed = 7;
    const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % k);
    for (let round = 0; round < 30; round++) {
      const b = new SnapshotBuilder();
      const g = b.rootGroup('(Global handles)');
      const nodes = Array.from({ length: 40 }, (_, i) => b.node({ name: ['Foo', 'Bar', 'Baz'][rnd(3)], selfSize: rnd(4) === 0 ? 0 : 1 + rnd(50) }));
      for (let i = 0; i < 3; i++) b.edge(g, nodes[rnd(10)], 'internal', i + 1);
      for (let i = 0; i < 70; i++) b.prop(nodes[rnd(40)], `p${i}`, nodes[rnd(40)]);
      const s = load(b);
      const d = computeDominators(s);
      for (const includeZeroSize of [false, true]) {
        const counted = (v: number) => includeZeroSize || s.nodeSelfSize[v] !== 0;
        const cls = (v: number) => s.name(v);
        const want = new Map<string, number>();
        for (let v = 0; v < s.nodeCount; v++) {
          if (!counted(v) || s.typeName(v) !== 'object') continue;
          // Added unless a counted strict dominator has the same class.
          let nested = false;
          for (let u = d.idom[v]; u !== 0xffffffff && u !== d.idom[u] && !nested; u = d.idom[u]) nested = cls(u) === cls(v) && counted(u);
          const root = d.idom[v] === 0xffffffff ? -1 : d.order[0];
          if (!nested && root >= 0 && root !== v && cls(root) === cls(v) && counted(root)) nested = true;
          if (!nested) want.set(cls(v), (want.get(cls(v)) ?? 0) + d.retainedSize[v]);
        }
        for (const row of classStatistics(s, { dominators: d, includeZeroSize })) {
          if (want.has(row.className)) expect(row.retainedSize, `round ${round} ${row.className}`).to.equal(want.get(row.className));
        }
      }
    }
  });

  it('answers objgraph-style count and by_type queries', () => {
    const { s, a, bb, d } = graph();
    expect(countByClass(s, 'Foo')).to.equal(3);
    expect(nodesOfClass(s, 'Foo')).to.deep.equal([a, bb, d]);
    expect(countByClass(s, 'NoSuchClass')).to.equal(0);
    expect(nodesOfClass(s, 'NoSuchClass')).to.deep.equal([]);
    expect(countByClass(s, '(number)')).to.equal(0);
    expect(countByClass(s, '(number)', { includeZeroSize: true })).to.equal(1);
  });
});
