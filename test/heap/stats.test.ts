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
