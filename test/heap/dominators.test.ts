import { expect } from 'chai';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { computeDominators, dominatorTree, type Dominators } from '../../lib/heap/dominators.js';
import { computeRetainerPaths, retainerSkipMask } from '../../lib/heap/paths.js';
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

/** Does edge e, leaving `from`, retain its target? The rules computeDominators documents. */
function retainsByRule(s: HeapSnapshot, skip?: Uint8Array): (e: number, from: number) => boolean {
  return (e, from) => {
    const t = s.edgeType[e];
    if (skip && skip[e]) return false;
    return t !== s.edgeTypes.weak && s.edgeTo[e] !== from && !(t === s.edgeTypes.shortcut && from !== s.rootIndex);
  };
}

/** DFS preorder from the root, edges in snapshot order (the order `order` promises). */
function preorder(s: HeapSnapshot, retains: (e: number, from: number) => boolean): number[] {
  const seen = new Uint8Array(s.nodeCount);
  const out = [s.rootIndex];
  seen[s.rootIndex] = 1;
  const stack: [node: number, next: number][] = [[s.rootIndex, s.firstEdge[s.rootIndex]]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [v] = top;
    let e = top[1];
    for (; e < s.firstEdge[v + 1]; e++) if (retains(e, v) && !seen[s.edgeTo[e]]) break;
    if (e === s.firstEdge[v + 1]) {
      stack.pop();
      continue;
    }
    top[1] = e + 1;
    const w = s.edgeTo[e];
    seen[w] = 1;
    out.push(w);
    stack.push([w, s.firstEdge[w]]);
  }
  return out;
}

/**
 * Immediate dominators by Cooper, Harvey and Kennedy's iterative algorithm ("A Simple, Fast
 * Dominance Algorithm"): a different method from Lengauer–Tarjan, fast enough to check
 * graphs far too big for the definition.
 */
function iterativeIdom(s: HeapSnapshot, retains: (e: number, from: number) => boolean): number[] {
  const n = s.nodeCount;
  const post = new Int32Array(n).fill(-1);
  const byPost: number[] = [];
  const preds: number[][] = Array.from({ length: n }, () => []);
  const seen = new Uint8Array(n);
  const stack: [number, number][] = [[s.rootIndex, s.firstEdge[s.rootIndex]]];
  seen[s.rootIndex] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const v = top[0];
    if (top[1] < s.firstEdge[v + 1]) {
      const e = top[1]++;
      if (!retains(e, v)) continue;
      const w = s.edgeTo[e];
      preds[w].push(v);
      if (!seen[w]) {
        seen[w] = 1;
        stack.push([w, s.firstEdge[w]]);
      }
    } else {
      stack.pop();
      post[v] = byPost.length;
      byPost.push(v);
    }
  }
  const idom = new Array<number>(n).fill(NO_NODE);
  idom[s.rootIndex] = s.rootIndex;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (post[a] < post[b]) a = idom[a];
      while (post[b] < post[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = byPost.length - 2; k >= 0; k--) {
      const w = byPost[k];
      let d = NO_NODE;
      for (const p of preds[w]) if (idom[p] !== NO_NODE) d = d === NO_NODE ? p : intersect(p, d);
      if (idom[w] !== d) {
        idom[w] = d;
        changed = true;
      }
    }
  }
  return idom;
}

/** Checks everything computeDominators returns against the references above. */
function expectDominators(s: HeapSnapshot, d: Dominators, retains: (e: number, from: number) => boolean, what: string): void {
  expect(Array.from(d.idom), `${what}: idom`).to.deep.equal(iterativeIdom(s, retains));
  expect(Array.from(d.order), `${what}: order`).to.deep.equal(preorder(s, retains));
  // Retained size = own size + the dominator-tree children's retained sizes; unreachable
  // nodes keep their own size.
  const expected = Float64Array.from(s.nodeSelfSize);
  for (let i = d.order.length - 1; i > 0; i--) expected[d.idom[d.order[i]]] += expected[d.order[i]];
  expect(Array.from(d.retainedSize), `${what}: retainedSize`).to.deep.equal(Array.from(expected));
  const position = new Map(Array.from(d.order, (v, i) => [v, i]));
  for (const v of d.order.subarray(1)) expect(position.get(d.idom[v])!, `${what}: dominator first`).to.be.below(position.get(v)!);
}

type Rng = () => number;
const lcg = (seed: number): Rng => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

/**
 * A heap-shaped random graph: a spine from the root (so the DFS goes `depth` deep), random
 * edges mostly between neighbours, shared "hub" objects everyone points at, and a sprinkle
 * of weak, shortcut, self and duplicate edges.
 */
function heapLikeGraph(rnd: Rng, n: number, depth: number): SnapshotBuilder {
  const b = new SnapshotBuilder({ withGcRoots: false });
  const nodes = [b.root];
  for (let i = 1; i < n; i++) nodes.push(b.node({ name: `n${i}`, selfSize: 1 + Math.floor(rnd() * 64) }));
  const pick = () => nodes[1 + Math.floor(rnd() * (n - 1))];
  const near = (i: number) => nodes[Math.min(n - 1, Math.max(1, i + Math.floor(rnd() * 21) - 10))];
  const hubs = [pick(), pick(), pick()];
  b.prop(b.root, 'spine', nodes[1]);
  for (let i = 1; i < n; i++) {
    const v = nodes[i];
    if (i < depth && i + 1 < n) b.prop(v, 'next', nodes[i + 1]);
    const k = Math.floor(rnd() * 4);
    for (let j = 0; j < k; j++) b.prop(v, `p${j}`, rnd() < 0.7 ? near(i) : pick());
    if (rnd() < 0.3) b.prop(v, 'map', hubs[Math.floor(rnd() * hubs.length)]);
    const r = rnd();
    if (r < 0.05) b.edge(v, pick(), 'weak', 'w');
    else if (r < 0.08) b.edge(v, pick(), 'shortcut', 's');
    else if (r < 0.1) b.prop(v, 'self', v);
    else if (r < 0.12) b.prop(v, 'again', nodes[i + 1 < n ? i + 1 : 1]);
  }
  // A few objects straight from the root (its shortcuts count) and some no one reaches.
  for (let j = 0; j < 5; j++) b.edge(b.root, pick(), j % 2 ? 'shortcut' : 'element', j);
  for (let j = 0; j < 5; j++) b.node({ name: `orphan${j}`, selfSize: 7 });
  return b;
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
    // The skip mask alone (no breadth-first search, as `types` computes it) gives the same tree.
    const s2 = load(p.b);
    const fromMask = computeDominators(s2, { skip: retainerSkipMask(s2, createInternalsFilter(s2)) });
    expect(Array.from(fromMask.idom)).to.deep.equal(Array.from(d.idom));
    expect(Array.from(fromMask.retainedSize)).to.deep.equal(Array.from(d.retainedSize));
    expect(Array.from(fromMask.order)).to.deep.equal(Array.from(d.order));
  });

  it('agrees with the definition, retained sizes included, on small graphs with every edge kind', () => {
    const rnd = lcg(11);
    for (let round = 0; round < 40; round++) {
      const b = new SnapshotBuilder({ withGcRoots: false });
      const n = 4 + Math.floor(rnd() * 18);
      const nodes = [b.root];
      for (let i = 1; i < n; i++) nodes.push(b.node({ name: `n${i}`, selfSize: 1 + Math.floor(rnd() * 9) }));
      const kinds = ['property', 'property', 'property', 'element', 'weak', 'shortcut'] as const;
      for (let k = 0; k < n * 2; k++) {
        const from = nodes[Math.floor(rnd() * n)];
        const to = nodes[Math.floor(rnd() * n)];
        const kind = kinds[Math.floor(rnd() * kinds.length)];
        b.edge(from, to, kind, kind === 'element' ? k : `e${k}`);
      }
      const s = load(b);
      const retains = retainsByRule(s);
      const d = computeDominators(s);
      const idom = bruteForceIdom(s, retains);
      expect(Array.from(d.idom), `round ${round}`).to.deep.equal(idom);
      // By definition: what the GC frees when a node goes is the node and all it dominates.
      for (const v of d.order) {
        let freed = 0;
        for (let w = 0; w < s.nodeCount; w++) {
          let x = w;
          while (idom[x] !== NO_NODE && x !== v && idom[x] !== x) x = idom[x];
          if (x === v) freed += s.selfSize(w);
        }
        expect(d.retainedSize[v], `round ${round}, node ${v}`).to.equal(freed);
      }
      expectDominators(s, d, retains, `round ${round}`);
    }
  });

  it('matches an independent algorithm on heap-shaped graphs, shallow and deep', () => {
    const rnd = lcg(3);
    for (const [n, depth] of [[3000, 0], [3000, 2900], [20000, 15000]]) {
      const s = load(heapLikeGraph(rnd, n, depth));
      expectDominators(s, computeDominators(s), retainsByRule(s), `${n} nodes, spine ${depth}`);
    }
  });

  it('follows the DFS back up a 20 000-deep chain, and a chain whose links each dominate the next', () => {
    // A chain with back edges to its start: the DFS goes all the way down and every link
    // is dominated by the previous one, so forest paths are as long as they get.
    const b = new SnapshotBuilder({ withGcRoots: false });
    const n = 20_000;
    const chain = [b.root];
    for (let i = 1; i <= n; i++) chain.push(b.node({ name: `c${i}`, selfSize: 1 }));
    for (let i = 0; i < n; i++) b.prop(chain[i], 'next', chain[i + 1]);
    for (let i = 2; i <= n; i += 7) b.prop(chain[i], 'back', chain[1 + (i % 97)]);
    const s = load(b);
    const d = computeDominators(s);
    for (let i = 1; i <= n; i++) expect(d.idom[chain[i]]).to.equal(chain[i - 1]);
    expect(d.retainedSize[chain[1]]).to.equal(n);
    expectDominators(s, d, retainsByRule(s), 'deep chain');
  });

  it('with filtered paths, leaves out exactly the edges the paths skip', () => {
    const p = pageSkeleton();
    const rnd = lcg(5);
    const objs: number[] = [];
    for (let i = 0; i < 300; i++) objs.push(p.b.node({ name: `O${i % 7}`, selfSize: 8 + i }));
    p.b.prop(p.global, 'root', objs[0]);
    for (let i = 1; i < objs.length; i++) {
      p.b.prop(objs[Math.floor(rnd() * i)], `f${i}`, objs[i]);
      if (rnd() < 0.3) p.b.prop(objs[Math.floor(rnd() * objs.length)], `x${i}`, objs[i]);
      if (rnd() < 0.1) consoleHandle(p, objs[i], 100 + i);
      if (rnd() < 0.05) p.b.edge(objs[i], objs[Math.floor(rnd() * objs.length)], 'weak', 'w');
    }
    const logged = p.b.node({ name: 'Logged', selfSize: 50 });
    consoleHandle(p, logged, 99);
    p.b.prop(logged, 'child', objs[42]);
    const s = load(p.b);
    const paths = computeRetainerPaths(s, { filter: createInternalsFilter(s) });
    const d = computeDominators(s, paths);
    expect(d.idom[logged]).to.equal(NO_NODE);
    expectDominators(s, d, retainsByRule(s, paths.skip), 'filtered');
    // Without paths only the console handles count as retaining on top.
    expectDominators(s, computeDominators(s), retainsByRule(s), 'unfiltered');
  });
});
