import { expect } from 'chai';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { computeDominators, dominatorTree } from '../../lib/heap/dominators.js';
import { computeRetainerPaths } from '../../lib/heap/paths.js';
import { createInternalsFilter } from '../../lib/heap/internals.js';
import { NO_NODE, type HeapSnapshot } from '../../lib/heap/snapshot.js';
import { consoleHandle, load, pageSkeleton } from './fixtures.js';

/** Dominators by definition: d dominates w iff w is unreachable from the root without d. */
function bruteForceIdom(s: HeapSnapshot, retains: (e: number, from: number) => boolean): number[] {
  const reach = (removed: number): Uint8Array => {
    const seen = new Uint8Array(s.nodeCount);
    if (removed === s.rootIndex) return seen;
    const stack = [s.rootIndex];
    seen[s.rootIndex] = 1;
    while (stack.length) {
      const v = stack.pop()!;
      for (let e = s.firstEdge[v]; e < s.firstEdge[v + 1]; e++) {
        const w = s.edgeTo[e];
        if (!retains(e, v) || w === removed || seen[w]) continue;
        seen[w] = 1;
        stack.push(w);
      }
    }
    return seen;
  };
  const all = reach(-1);
  const dominators: number[][] = Array.from({ length: s.nodeCount }, () => []);
  for (let d = 0; d < s.nodeCount; d++) {
    if (!all[d]) continue;
    const r = reach(d);
    for (let w = 0; w < s.nodeCount; w++) if (all[w] && !r[w] && w !== d) dominators[w].push(d);
  }
  // The immediate dominator is the strict dominator dominated by all the others.
  return dominators.map((ds, w) => {
    if (!all[w]) return NO_NODE;
    if (w === s.rootIndex) return w;
    return ds.find((d) => ds.every((o) => o === d || dominators[d].includes(o)))!;
  });
}

describe('heap/dominators', () => {
  it('finds the immediate dominators of the Lengauer–Tarjan paper graph', () => {
    const b = new SnapshotBuilder({ withGcRoots: false });
    const names = 'ABCDEFGHIJKL'.split('');
    const id: Record<string, number> = { R: b.root };
    for (const x of names) id[x] = b.node({ name: x, selfSize: 10 });
    const edges = 'RA RB RC AD BA BD BE CF CG DL EH FI GI GJ HE HK IK JI KI KR LH'.split(' ');
    for (const [from, to] of edges) b.prop(id[from], to, id[to]);
    const s = load(b);
    const d = computeDominators(s);
    const idomName = (x: string) => {
      const v = d.idom[id[x]];
      return v === b.root ? 'R' : s.name(v);
    };
    const expected: Record<string, string> = {
      A: 'R', B: 'R', C: 'R', D: 'R', E: 'R', F: 'C', G: 'C', H: 'R', I: 'R', J: 'G', K: 'R', L: 'D',
    };
    for (const x of names) expect(idomName(x), x).to.equal(expected[x]);
    expect(d.idom[b.root]).to.equal(b.root);
    // Retained sizes: C keeps F, G, J; D keeps L; the root keeps everything.
    expect(d.retainedSize[id.C]).to.equal(40);
    expect(d.retainedSize[id.D]).to.equal(20);
    expect(d.retainedSize[id.A]).to.equal(10);
    expect(d.retainedSize[b.root]).to.equal(120 + s.selfSize(b.root));
  });

  it('agrees with the definition on random graphs', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 25; round++) {
      const b = new SnapshotBuilder({ withGcRoots: false });
      const n = 6 + Math.floor(rnd() * 20);
      const nodes = [b.root];
      for (let i = 1; i < n; i++) nodes.push(b.node({ name: `n${i}`, selfSize: 1 + Math.floor(rnd() * 9) }));
      const m = n * 2;
      for (let k = 0; k < m; k++) {
        const from = nodes[Math.floor(rnd() * n)];
        const to = nodes[1 + Math.floor(rnd() * (n - 1))];
        b.edge(from, to, rnd() < 0.15 ? 'weak' : 'property', `e${k}`);
      }
      const s = load(b);
      const d = computeDominators(s);
      const expected = bruteForceIdom(s, (e) => s.edgeType[e] !== s.edgeTypes.weak);
      expect(Array.from(d.idom), `round ${round}`).to.deep.equal(expected);
      // Retained size = own size + retained sizes of the dominator-tree children.
      const { firstChild, children } = dominatorTree(d);
      for (const v of d.order) {
        let sum = s.selfSize(v);
        for (let i = firstChild[v]; i < firstChild[v + 1]; i++) sum += d.retainedSize[children[i]];
        expect(d.retainedSize[v]).to.equal(sum);
      }
    }
  });

  it('ignores weak edges, self edges and non-root shortcuts; unreachable nodes keep their self size', () => {
    const b = new SnapshotBuilder();
    const a = b.node({ name: 'A', selfSize: 10 });
    const x = b.node({ name: 'X', selfSize: 7 });
    const y = b.node({ name: 'Y', selfSize: 5 });
    const g = b.rootGroup('(Global handles)');
    b.edge(g, a, 'internal', 1);
    b.edge(a, x, 'weak', 'w');
    b.edge(a, a, 'property', 'self');
    b.edge(g, y, 'internal', 2);
    b.edge(a, y, 'shortcut', 's');
    const s = load(b);
    const d = computeDominators(s);
    expect(d.idom[x]).to.equal(NO_NODE);
    expect(d.retainedSize[x]).to.equal(7);
    expect(d.idom[y]).to.equal(g);
    expect(d.retainedSize[a]).to.equal(10);
    expect(Array.from(d.order)).to.not.include(x);
  });

  it('drops WeakMap table edges so the key dominates the value', () => {
    const b = new SnapshotBuilder();
    const g = b.rootGroup('(Global handles)');
    const key = b.node({ name: 'Key', selfSize: 8 });
    const table = b.node({ type: 'array', name: '', selfSize: 8 });
    const holder = b.node({ name: 'Holder' });
    const value = b.node({ name: 'Val', selfSize: 100 });
    b.edge(g, holder, 'internal', 1);
    b.prop(holder, 'k', key).prop(holder, 'wm', table);
    const edgeName = (i: number) =>
      `${i} / part of key (Key @${b.idOf(key)}) -> value (Val @${b.idOf(value)}) pair in WeakMap (table @${b.idOf(table)})`;
    b.edge(table, value, 'internal', edgeName(1));
    b.edge(key, value, 'internal', edgeName(3));
    const s = load(b);
    const d = computeDominators(s);
    expect(d.idom[value]).to.equal(key);
    expect(d.retainedSize[key]).to.equal(108);
  });

  it('with filtered paths, what only the console holds does not count as retained', () => {
    const p = pageSkeleton();
    const logged = p.b.node({ name: 'Logged', selfSize: 48 });
    consoleHandle(p, logged);
    const s = load(p.b);
    const unfiltered = computeDominators(s);
    expect(unfiltered.idom[logged]).to.equal(p.globalHandles);
    const paths = computeRetainerPaths(s, { filter: createInternalsFilter(s) });
    const d = computeDominators(s, paths);
    expect(d.idom[logged]).to.equal(NO_NODE);
    expect(d.retainedSize[p.globalHandles]).to.equal(unfiltered.retainedSize[p.globalHandles] - 48);
  });
});
