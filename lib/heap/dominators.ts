// Dominator tree and retained sizes: Lengauer–Tarjan (simple version, path compression
// only) over typed arrays, iterative throughout so that 3 M-node heaps neither recurse nor
// allocate per node. An object's retained size is what the GC would free if it went away.
//
// Edges that do not retain are left out, as DevTools does: weak edges, WeakMap table
// edges, self edges, and shortcut edges other than the synthetic root's (shortcuts only
// duplicate a real path). When computed from RetainerPaths, the internals filter's edges
// are left out too, so what only the console or a Puppeteer handle keeps alive does not
// inflate page objects' retained sizes.

import { NO_NODE, type HeapSnapshot } from './snapshot.js';
import { markWeakMapTableEdges } from './ephemerons.js';
import type { RetainerPaths } from './paths.js';

export interface Dominators {
  /** Per node: immediate dominator; the root's is itself; NO_NODE when unreachable. */
  idom: Uint32Array;
  /** Per node: bytes freed with it; self size for unreachable nodes. */
  retainedSize: Float64Array;
  /** Reachable nodes in DFS preorder, root first: every node comes after its dominator. */
  order: Uint32Array;
}

export function computeDominators(s: HeapSnapshot, paths?: RetainerPaths): Dominators {
  const n = s.nodeCount;
  const root = s.rootIndex;
  const skip = nonRetainingEdges(s, paths);
  const fe = s.firstEdge;
  const edgeTo = s.edgeTo;

  // 1. Iterative DFS from the root; vertices get 1-based preorder numbers.
  const num = new Uint32Array(n);
  const vertex = new Uint32Array(n + 1);
  const parent = new Uint32Array(n + 1);
  const stack = new Uint32Array(n);
  const cursor = new Uint32Array(n);
  let count = 0;
  let sp = 0;
  num[root] = ++count;
  vertex[count] = root;
  stack[0] = root;
  cursor[0] = fe[root];
  sp = 1;
  while (sp > 0) {
    const v = stack[sp - 1];
    const end = fe[v + 1];
    let e = cursor[sp - 1];
    for (; e < end; e++) {
      if (skip[e]) continue;
      const w = edgeTo[e];
      if (num[w] !== 0) continue;
      num[w] = ++count;
      vertex[count] = w;
      parent[count] = num[v];
      break;
    }
    if (e < end) {
      cursor[sp - 1] = e + 1;
      const w = edgeTo[e];
      stack[sp] = w;
      cursor[sp] = fe[w];
      sp++;
    } else {
      sp--;
    }
  }

  // 2. Semidominators and immediate dominators, all indexed by DFS number.
  const semi = new Uint32Array(count + 1);
  const label = new Uint32Array(count + 1);
  const ancestor = new Uint32Array(count + 1);
  const dom = new Uint32Array(count + 1);
  const bucketHead = new Uint32Array(count + 1);
  const bucketNext = new Uint32Array(count + 1);
  const compressStack = new Uint32Array(count + 1);
  for (let i = 1; i <= count; i++) {
    semi[i] = i;
    label[i] = i;
  }
  const evaluate = (v: number): number => {
    if (ancestor[v] === 0) return v;
    let top = 0;
    let x = v;
    while (ancestor[ancestor[x]] !== 0) {
      compressStack[top++] = x;
      x = ancestor[x];
    }
    while (top > 0) {
      const y = compressStack[--top];
      const a = ancestor[y];
      if (semi[label[a]] < semi[label[y]]) label[y] = label[a];
      ancestor[y] = ancestor[a];
    }
    return label[v];
  };
  const { firstRetainer, retainerEdge, retainerNode } = s.retainers;
  for (let w = count; w >= 2; w--) {
    const node = vertex[w];
    let sw = semi[w];
    for (let r = firstRetainer[node], end = firstRetainer[node + 1]; r < end; r++) {
      if (skip[retainerEdge[r]]) continue;
      const v = num[retainerNode[r]];
      if (v === 0) continue;
      const u = evaluate(v);
      if (semi[u] < sw) sw = semi[u];
    }
    semi[w] = sw;
    bucketNext[w] = bucketHead[sw];
    bucketHead[sw] = w;
    const p = parent[w];
    ancestor[w] = p;
    for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
      const u = evaluate(v);
      dom[v] = semi[u] < semi[v] ? u : p;
    }
    bucketHead[p] = 0;
  }
  dom[1] = 1;
  for (let w = 2; w <= count; w++) {
    if (dom[w] !== semi[w]) dom[w] = dom[dom[w]];
  }

  // 3. Retained sizes bottom-up: a dominator always has a smaller DFS number.
  const retainedSize = Float64Array.from(s.nodeSelfSize);
  for (let w = count; w >= 2; w--) retainedSize[vertex[dom[w]]] += retainedSize[vertex[w]];
  const idom = new Uint32Array(n).fill(NO_NODE);
  for (let w = 1; w <= count; w++) idom[vertex[w]] = vertex[dom[w]];
  return { idom, retainedSize, order: vertex.slice(1, count + 1) };
}

/** Per edge: 1 when the edge must not count as retaining. */
function nonRetainingEdges(s: HeapSnapshot, paths?: RetainerPaths): Uint8Array {
  const skip = paths ? paths.skip.slice() : new Uint8Array(s.edgeCount);
  if (!paths) markWeakMapTableEdges(s, skip);
  const weak = s.edgeTypes.weak;
  const shortcut = s.edgeTypes.shortcut;
  const root = s.rootIndex;
  const fe = s.firstEdge;
  const edgeTo = s.edgeTo;
  const edgeType = s.edgeType;
  for (let v = 0; v < s.nodeCount; v++) {
    for (let e = fe[v], end = fe[v + 1]; e < end; e++) {
      const t = edgeType[e];
      if (t === weak || edgeTo[e] === v || (t === shortcut && v !== root)) skip[e] = 1;
    }
  }
  return skip;
}

/** Children lists of the dominator tree, in CSR form (children of v: firstChild[v] .. firstChild[v+1]-1). */
export function dominatorTree(d: Dominators): { firstChild: Uint32Array; children: Uint32Array } {
  const n = d.idom.length;
  const firstChild = new Uint32Array(n + 1);
  const { idom, order } = d;
  const root = order[0];
  for (let i = 1; i < order.length; i++) firstChild[idom[order[i]] + 1]++;
  for (let i = 0; i < n; i++) firstChild[i + 1] += firstChild[i];
  const fill = firstChild.slice(0, n);
  const children = new Uint32Array(Math.max(0, order.length - 1));
  // Preorder keeps each child list in DFS order, which keeps traversals deterministic.
  for (let i = 1; i < order.length; i++) {
    const v = order[i];
    if (v === root) continue;
    children[fill[idom[v]]++] = v;
  }
  return { firstChild, children };
}
