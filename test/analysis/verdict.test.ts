// The verdict's rules on small three-snapshot hunts whose ids are chosen by hand, so each
// test says exactly which objects were born when.
import { expect } from 'chai';
import { pageSkeleton, consoleHandle, load } from '../heap/fixtures.js';
import { summarizeSnapshot } from '../../lib/analysis/summary.js';
import { computeVerdict } from '../../lib/analysis/verdict.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';

interface Item {
  id: number;
  cls: string;
  /** Held only by the DevTools console instead of window.store.items. */
  consoleOnly?: boolean;
}

/** window.store.items = [...items]; ids of everything else are the same in every build. */
function page(items: Item[]): HeapSnapshot {
  const p = pageSkeleton();
  const { b } = p;
  const store = b.node({ name: 'Object', id: 5001 });
  const arr = b.node({ name: 'Array', id: 5003 });
  b.prop(p.global, 'store', store);
  b.prop(store, 'items', arr);
  let i = 0;
  for (const it of items) {
    const o = b.node({ name: it.cls, id: it.id, selfSize: 64 });
    const payload = b.node({ type: 'array', name: '(object elements)', id: it.id + 1, selfSize: 256 });
    b.edge(o, payload, 'internal', 'elements');
    if (it.consoleOnly) consoleHandle(p, o, 10 + i);
    else b.edge(arr, o, 'element', i);
    i++;
  }
  return load(b);
}

const foos = (from: number, count: number, cls = 'Foo', extra: Partial<Item> = {}): Item[] =>
  Array.from({ length: count }, (_, k) => ({ id: from + 2 * k + 1000, cls, ...extra }));

function hunt(s0: Item[], s1: Item[], s2: Item[], opts: { ignore?: string[] } = {}) {
  return computeVerdict({
    baseline: summarizeSnapshot(page(s0)),
    middle: summarizeSnapshot(page(s1)),
    final: page(s2),
    firstHalf: 3,
    secondHalf: 3,
    ignore: opts.ignore,
  });
}

describe('verdict', () => {
  it('reports a class that grows by one per iteration in both halves, with a chain through window.store.items', () => {
    const base = foos(0, 2);
    const mid = [...base, ...foos(100, 3)];
    const fin = [...mid, ...foos(200, 3)];
    const v = hunt(base, mid, fin);
    expect(v.leaks).to.have.length(1);
    const leak = v.leaks[0];
    expect(leak.headline).to.equal('Foo');
    const foo = leak.classes.find((c) => c.className === 'Foo')!;
    expect(foo.counts).to.deep.equal([2, 5, 8]);
    expect(foo.perIteration).to.equal(1);
    const edges = leak.chain.map((c) => c.edge?.name);
    expect(edges).to.include.members(['store', 'items']);
    expect(leak.chain[0].rootKind).to.equal('window');
    expect(leak.chain.at(-1)!.className).to.equal('Foo');
    const suspect = leak.chain.find((c) => c.suspect)!;
    expect(suspect.edge?.type).to.equal('element');
    expect(leak.bytesPerIteration).to.be.greaterThan(0);
  });

  it('does not report churn: as many objects die as are born', () => {
    const v = hunt(foos(0, 3), foos(100, 3), foos(200, 3));
    expect(v.leaks).to.deep.equal([]);
  });

  it('does not report growth that stops after the first half', () => {
    const base = foos(0, 2);
    const mid = [...base, ...foos(100, 3)];
    const v = hunt(base, mid, mid);
    expect(v.leaks).to.deep.equal([]);
  });

  it('does not report growth slower than one object per iteration', () => {
    const base = foos(0, 2);
    const mid = [...base, ...foos(100, 2)];
    const fin = [...mid, ...foos(200, 2)];
    expect(hunt(base, mid, fin).leaks).to.deep.equal([]);
  });

  it('hides objects that only the DevTools console holds, and says why', () => {
    const base = foos(0, 1);
    const mid = [...base, ...foos(100, 3, 'Foo', { consoleOnly: true })];
    const fin = [...mid, ...foos(200, 3, 'Foo', { consoleOnly: true })];
    const v = hunt(base, mid, fin);
    expect(v.leaks).to.deep.equal([]);
    const hidden = v.hidden.internals.find((h) => /DevTools/.test(h.reason));
    expect(hidden?.objects).to.equal(6);
  });

  it('counts a registry whose removed entries are set to null as not growing (no collection leak)', () => {
    const registry = (keys: number) => {
      const p = pageSkeleton();
      const reg = p.b.node({ name: 'Object', id: 7001 });
      const nul = p.b.node({ type: 'native', name: 'null', id: 7003 });
      p.b.prop(p.global, '_events', reg);
      for (let k = 0; k < keys; k++) p.b.prop(reg, `click${k}`, nul);
      return load(p.b);
    };
    const v = computeVerdict({
      baseline: summarizeSnapshot(registry(1)),
      middle: summarizeSnapshot(registry(4)),
      final: registry(7),
      firstHalf: 3,
      secondHalf: 3,
    });
    expect(v.leaks).to.deep.equal([]);
  });

  it('merges fragments of one leak that different holders keep, when only together they grow per iteration', () => {
    const held = (a: Item[], b: Item[]) => {
      const p = pageSkeleton();
      const ha = p.b.node({ name: 'Object', id: 6001 });
      const hb = p.b.node({ name: 'Array', id: 6003 });
      p.b.prop(p.global, 'panels', ha);
      p.b.prop(p.global, 'history', hb);
      a.forEach((it, i) => p.b.prop(ha, `p${i}`, p.b.node({ name: it.cls, id: it.id, selfSize: 64 })));
      b.forEach((it, i) => p.b.edge(hb, p.b.node({ name: it.cls, id: it.id, selfSize: 64 }), 'element', i));
      return load(p.b);
    };
    const a1 = foos(100, 2);
    const b1 = foos(150, 1);
    const a2 = [...a1, ...foos(200, 1)];
    const b2 = [...b1, ...foos(250, 2)];
    const v = computeVerdict({
      baseline: summarizeSnapshot(held([], [])),
      middle: summarizeSnapshot(held(a1, b1)),
      final: held(a2, b2),
      firstHalf: 3,
      secondHalf: 3,
    });
    expect(v.leaks).to.have.length(1);
    expect(v.leaks[0].headline).to.equal('Foo');
    expect(v.leaks[0].sharedBy).to.equal(6);
  });

  it('marks a leak the scenario ignores instead of dropping it', () => {
    const base = foos(0, 2);
    const mid = [...base, ...foos(100, 3)];
    const fin = [...mid, ...foos(200, 3)];
    const v = hunt(base, mid, fin, { ignore: ['Foo'] });
    expect(v.leaks).to.have.length(1);
    expect(v.leaks[0].ignored).to.equal(true);
  });
});
