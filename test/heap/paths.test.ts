import { expect } from 'chai';
import {
  computeRetainerPaths,
  hiddenByReason,
  hiddenReasonOf,
  NO_DISTANCE,
  retainerChain,
  serializeChain,
  SYSTEM_DISTANCE,
  type ChainStep,
} from '../../lib/heap/paths.js';
import { createInternalsFilter } from '../../lib/heap/internals.js';
import { NO_NODE, type HeapSnapshot } from '../../lib/heap/snapshot.js';
import { consoleHandle, load, pageSkeleton } from './fixtures.js';

const names = (s: HeapSnapshot, chain: ChainStep[] | null) => chain?.map((c) => s.name(c.node)) ?? null;
const edgeNames = (s: HeapSnapshot, chain: ChainStep[] | null) =>
  chain?.filter((c) => c.edge !== null).map((c) => s.edgeName(c.edge!)) ?? null;

/**
 * The search computeRetainerPaths promises, written the plain way: BFS over non-skipped
 * edges in snapshot order, user roots first at distance 0, then the sub-roots under the
 * root and `(GC roots)` at SYSTEM_DISTANCE; a node's parent edge is the first that reaches it.
 */
function plainBfs(s: HeapSnapshot, skip: Uint8Array, userRoots: ArrayLike<number>) {
  const distance = new Array<number>(s.nodeCount).fill(NO_DISTANCE);
  const parentEdge = new Array<number>(s.nodeCount).fill(NO_NODE);
  const queue: number[] = [];
  const visit = (from: number) => {
    for (let e = s.firstEdge[from]; e < s.firstEdge[from + 1]; e++) {
      const w = s.edgeTo[e];
      if (skip[e] || distance[w] !== NO_DISTANCE) continue;
      distance[w] = distance[from] + 1;
      parentEdge[w] = e;
      queue.push(w);
    }
  };
  for (const r of Array.from(userRoots)) {
    if (distance[r] === NO_DISTANCE) {
      distance[r] = 0;
      queue.push(r);
    }
  }
  for (let head = 0; head < queue.length; head++) visit(queue[head]);
  const start = queue.length;
  const tops = s.rootIndex === s.gcRootsIndex ? [s.rootIndex] : [s.rootIndex, s.gcRootsIndex];
  for (const top of tops) if (distance[top] === NO_DISTANCE) distance[top] = SYSTEM_DISTANCE;
  for (const top of tops) {
    for (let e = s.firstEdge[top]; e < s.firstEdge[top + 1]; e++) {
      const w = s.edgeTo[e];
      if (skip[e] || distance[w] !== NO_DISTANCE) continue;
      distance[w] = SYSTEM_DISTANCE;
      queue.push(w);
    }
  }
  for (let head = start; head < queue.length; head++) visit(queue[head]);
  return { distance, parentEdge };
}

describe('heap/paths', () => {
  it('starts chains at the Window even when a GC root is closer', () => {
    const p = pageSkeleton();
    const store = p.b.node({ name: 'Object' });
    const items = p.b.node({ type: 'array', name: 'Array' });
    const foo = p.b.node({ name: 'Foo' });
    p.b.prop(p.global, 'store', store).prop(store, 'items', items).edge(items, foo, 'element', 0);
    p.b.edge(p.globalHandles, foo, 'internal', 7);
    const s = load(p.b);
    const paths = computeRetainerPaths(s);
    const chain = retainerChain(s, paths, foo);
    expect(names(s, chain)).to.deep.equal(['Window [JSGlobalObject] / http://127.0.0.1:1', 'Object', 'Array', 'Foo']);
    expect(edgeNames(s, chain)).to.deep.equal(['store', 'items', '0']);
    expect(chain![chain!.length - 1].edge).to.equal(null);
    expect(paths.distance[foo]).to.equal(3);
    expect(Array.from(paths.userRoots)).to.deep.equal([p.window, p.global]);
  });

  it('routes around weak edges', () => {
    const p = pageSkeleton();
    const a = p.b.node({ name: 'A' });
    const x = p.b.node({ name: 'X' });
    p.b.edge(p.global, x, 'weak', 'cache');
    p.b.prop(p.global, 'a', a).prop(a, 'x', x);
    const s = load(p.b);
    const chain = retainerChain(s, computeRetainerPaths(s), x);
    expect(edgeNames(s, chain)).to.deep.equal(['a', 'x']);
  });

  it('routes around an inspector-held handle, and gives objects only the console holds no chain', () => {
    const p = pageSkeleton();
    const holder = p.b.node({ name: 'Holder' });
    const kept = p.b.node({ name: 'Kept' });
    const logged = p.b.node({ name: 'Logged' });
    const child = p.b.node({ name: 'Child' });
    p.b.prop(p.global, 'holder', holder).prop(holder, 'kept', kept);
    consoleHandle(p, kept, 18);
    consoleHandle(p, logged, 19);
    p.b.prop(logged, 'child', child);
    // Held by Blink through two hops and by the console through one: the chain must take
    // the longer, real path.
    const registry = p.b.node({ type: 'native', name: 'blink::Registry' });
    const entry = p.b.node({ name: 'Entry' });
    p.b.edge(p.persistent, registry, 'element', 2).edge(registry, entry, 'element', 1);
    consoleHandle(p, entry, 20);
    const s = load(p.b);
    const filter = createInternalsFilter(s);
    const paths = computeRetainerPaths(s, { filter });
    expect(edgeNames(s, retainerChain(s, paths, kept))).to.deep.equal(['holder', 'kept']);
    expect(retainerChain(s, paths, logged)).to.equal(null);
    expect(retainerChain(s, paths, child)).to.equal(null);
    expect(paths.distance[logged]).to.equal(NO_DISTANCE);
    expect(names(s, retainerChain(s, paths, entry))).to.deep.equal(['C++ Persistent roots', 'blink::Registry', 'Entry']);

    // Without the filter the console's handle is a chain like any other.
    const raw = computeRetainerPaths(s);
    const rawChain = retainerChain(s, raw, logged);
    expect(names(s, rawChain)).to.deep.equal(['(Global handles)', 'Logged']);
    expect(names(s, retainerChain(s, raw, entry))).to.deep.equal(['(Global handles)', 'Entry']);
    expect(raw.distance[logged]).to.equal(SYSTEM_DISTANCE + 1);

    // And the report can say what was hidden and why.
    const reasons = hiddenReasonOf(s, paths);
    expect(filter.reasons[reasons[logged] - 1].id).to.equal('devtools-console');
    expect(filter.reasons[reasons[child] - 1].id).to.equal('devtools-console');
    expect(reasons[kept]).to.equal(0);
    const hidden = hiddenByReason(s, paths).find((r) => r.id === 'devtools-console')!;
    expect(hidden.objects).to.equal(2);
    expect(hidden.bytes).to.equal(32);
    expect(hidden.edges).to.equal(3);
  });

  it('leaves weakly held garbage out of the hidden counts', () => {
    const p = pageSkeleton();
    const ghost = p.b.node({ name: 'Ghost' });
    p.b.edge(p.global, ghost, 'weak', 'ref');
    const s = load(p.b);
    const paths = computeRetainerPaths(s, { filter: createInternalsFilter(s) });
    expect(retainerChain(s, paths, ghost)).to.equal(null);
    expect(hiddenReasonOf(s, paths)[ghost]).to.equal(0);
    expect(hiddenByReason(s, paths).every((r) => r.objects === 0)).to.equal(true);
  });

  it('reaches WeakMap values through their key, not the table', () => {
    const p = pageSkeleton();
    const key = p.b.node({ name: 'Key' });
    const table = p.b.node({ type: 'array', name: '' });
    const wm = p.b.node({ name: 'WeakMap' });
    const value = p.b.node({ name: 'Val' });
    p.b.prop(p.global, 'wm', wm).edge(wm, table, 'internal', 'table');
    p.b.prop(p.global, 'k', key);
    const edge = (i: number) =>
      `${i} / part of key (Key @${p.b.idOf(key)}) -> value (Val @${p.b.idOf(value)}) pair in WeakMap (table @${p.b.idOf(table)})`;
    p.b.edge(table, value, 'internal', edge(1));
    p.b.edge(key, value, 'internal', edge(3));
    const s = load(p.b);
    const chain = retainerChain(s, computeRetainerPaths(s), value);
    expect(names(s, chain)).to.deep.equal(['Window [JSGlobalObject] / http://127.0.0.1:1', 'Key', 'Val']);
  });

  it('starts system chains at the GC sub-root, and returns null for unreachable nodes', () => {
    const p = pageSkeleton();
    const cached = p.b.node({ name: 'Cached' });
    const orphan = p.b.node({ name: 'Orphan' });
    p.b.edge(p.globalHandles, cached, 'internal', 3);
    const s = load(p.b);
    const paths = computeRetainerPaths(s);
    expect(names(s, retainerChain(s, paths, cached))).to.deep.equal(['(Global handles)', 'Cached']);
    expect(retainerChain(s, paths, orphan)).to.equal(null);
    expect(paths.distance[orphan]).to.equal(NO_DISTANCE);
  });

  it('honours maxDepth and ignore (objgraph extra_ignore) with a backwards search', () => {
    const p = pageSkeleton();
    const a = p.b.node({ name: 'A' });
    const b = p.b.node({ name: 'B' });
    const c = p.b.node({ name: 'C' });
    const x = p.b.node({ name: 'X' });
    p.b.prop(p.global, 'a', a).prop(a, 'x', x);
    p.b.prop(p.global, 'b', b).prop(b, 'c', c).prop(c, 'x', x);
    p.b.edge(p.globalHandles, c, 'internal', 4);
    const s = load(p.b);
    const paths = computeRetainerPaths(s);
    expect(edgeNames(s, retainerChain(s, paths, x))).to.deep.equal(['a', 'x']);
    expect(edgeNames(s, retainerChain(s, paths, x, { maxDepth: 2 }))).to.deep.equal(['a', 'x']);
    expect(retainerChain(s, paths, x, { maxDepth: 1 })).to.equal(null);
    // Routing around A: the Window path through B and C is preferred over the shorter
    // path from (Global handles) through C.
    const around = retainerChain(s, paths, x, { ignore: new Set([a]) });
    expect(edgeNames(s, around)).to.deep.equal(['b', 'c', 'x']);
    // Within two edges only the GC-root path is left.
    const short = retainerChain(s, paths, x, { ignore: new Set([a]), maxDepth: 2 });
    expect(names(s, short)).to.deep.equal(['(Global handles)', 'C', 'X']);
    expect(retainerChain(s, paths, x, { ignore: new Set([a, c]) })).to.equal(null);
  });

  it('serialises a chain to plain data', () => {
    const p = pageSkeleton();
    const div = p.b.node({ type: 'native', name: '<div id="x">', detachedness: 2, selfSize: 104 });
    p.b.prop(p.global, 'saved', div);
    const s = load(p.b);
    const chain = retainerChain(s, computeRetainerPaths(s), div)!;
    const links = serializeChain(s, chain);
    expect(links).to.deep.equal([
      {
        nodeId: p.b.idOf(p.global),
        className: 'Window [JSGlobalObject] / http://127.0.0.1:1',
        type: 'object',
        name: 'Window [JSGlobalObject] / http://127.0.0.1:1',
        selfSize: 24,
        edgeName: 'saved',
        edgeType: 'property',
      },
      {
        nodeId: p.b.idOf(div),
        className: 'Detached <div>',
        type: 'native',
        name: '<div id="x">',
        selfSize: 104,
        edgeName: null,
        edgeType: null,
      },
    ]);
    expect(JSON.parse(JSON.stringify(links))).to.deep.equal(links);
  });

  it('finds the same parents and distances as a plain BFS on random pages', () => {
    let seed = 17;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 12; round++) {
      const p = pageSkeleton();
      const n = 20 + Math.floor(rnd() * (round < 10 ? 200 : 5000));
      const objs: number[] = [];
      for (let i = 0; i < n; i++) objs.push(p.b.node({ name: `O${i}` }));
      const pick = () => objs[Math.floor(rnd() * n)];
      for (let k = 0; k < 3; k++) p.b.prop(p.global, `g${k}`, pick());
      for (let k = 0; k < 3; k++) p.b.edge(p.globalHandles, pick(), 'internal', k + 1);
      for (let i = 0; i < n; i++) {
        const edges = Math.floor(rnd() * 4);
        for (let k = 0; k < edges; k++) p.b.edge(objs[i], pick(), rnd() < 0.1 ? 'weak' : 'property', `p${k}`);
        if (rnd() < 0.05) consoleHandle(p, objs[i], 200 + i);
      }
      const s = load(p.b);
      for (const filter of [undefined, createInternalsFilter(s)]) {
        const paths = computeRetainerPaths(s, { filter });
        const expected = plainBfs(s, paths.skip, paths.userRoots);
        const what = `round ${round}${filter ? ', filtered' : ''}`;
        expect(Array.from(paths.distance), what).to.deep.equal(expected.distance);
        expect(Array.from(paths.parentEdge), what).to.deep.equal(expected.parentEdge);
      }
      // Explicit seeds, one of them given twice.
      const seeds = Uint32Array.of(objs[3], objs[1], objs[3]);
      const seeded = computeRetainerPaths(s, { userRoots: seeds });
      expect(Array.from(seeded.distance)).to.deep.equal(plainBfs(s, seeded.skip, seeds).distance);
    }
  });
});
