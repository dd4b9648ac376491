// Dominator tree and retained sizes: semidominators as in Lengauer–Tarjan (simple version:
// path compression, no balancing), immediate dominators by SEMI-NCA, over typed arrays, iterative throughout, so that 10 M-node heaps neither
// recurse nor allocate per node. An object's retained size is what the GC would free if it
// went away.
//
// Edges that do not retain are left out, as DevTools does: weak edges, WeakMap table
// edges, self edges, and shortcut edges other than the synthetic root's (shortcuts only
// duplicate a real path). When computed from RetainerPaths, the internals filter's edges
// are left out too, so what only the console or a Puppeteer handle keeps alive does not
// inflate page objects' retained sizes.
//
// On big heaps both memory (the snapshot's columns already take ~1.2× the file) and cache
// misses (every step below jumps around arrays far larger than the cache) decide, so:
// - No reverse-edge index. A predecessor v of w numbered below w is w's ancestor and not
//   yet linked when w's turn comes, so it only offers v itself as a semidominator: the DFS
//   folds those in as it meets them. Only the other predecessors (cross and back edges)
//   are stored, by DFS number, in a CSR filled by one more pass over the edges.
// - Vertices are linked into the forest in decreasing order, so "linked" is "numbered above
//   the current vertex" and needs no flag, and the DFS parent starts as the forest link.
//   Path compression reverses the links on its way up and walks back down them: no stack.
// - Each vertex's data sits in one 16-byte record, so a step of path compression costs one
//   cache miss, not four. The fields change roles as the algorithm goes (table at RECORD),
//   and the record buffer finally becomes the three outputs.
// - No buckets: SEMI-NCA finds each immediate dominator by a short climb over those already
//   found, where Lengauer–Tarjan would compress every path a second time.
// Dominators are unique, so the result equals the textbook algorithm's, and `order` is the
// same DFS preorder (edges in snapshot order).

import { NO_NODE, type HeapSnapshot } from './snapshot.js';
import { forEachWeakMapTableEdge } from './ephemerons.js';
import type { RetainerPaths } from './paths.js';

/** The three arrays are views on one buffer (the work buffer, reused). */
export interface Dominators {
  /** Per node: immediate dominator; the root's is itself; NO_NODE when unreachable. */
  idom: Uint32Array;
  /** Per node: bytes freed with it; self size for unreachable nodes. */
  retainedSize: Float64Array;
  /** Reachable nodes in DFS preorder, root first: every node comes after its dominator. */
  order: Uint32Array;
}

// RECORD: the four fields of vertex w's record, rec[4w .. 4w+3], by phase.
//
//              step 1 (DFS)          step 3, before w's turn    from w's turn on
//  ANCESTOR    DFS parent            DFS parent                 forest link (compressed)
//  LABEL       next edge to scan     -                          label: least semi on the path
//  LABEL_SEMI  -                     -                          semi[label]
//  SEMI        semi candidate        semi candidate             -
const ANCESTOR = 0;
const LABEL = 1;
const LABEL_SEMI = 2;
const SEMI = 3;
/** DFS numbers (and the record offsets 4w) must stay exact in 32-bit arithmetic. */
const MAX_NODES = 0x40000000;

/**
 * `paths` (or just its `skip` mask, from `retainerSkipMask`) leaves out the edges retainer
 * paths do not follow; without it, weak and WeakMap table edges only.
 */
export function computeDominators(s: HeapSnapshot, paths?: Pick<RetainerPaths, 'skip'>): Dominators {
  const n = s.nodeCount;
  const root = s.rootIndex;
  if (n === 0) return { idom: new Uint32Array(0), retainedSize: new Float64Array(0), order: new Uint32Array(0) };
  if (n >= MAX_NODES) throw new RangeError(`computeDominators: ${n} nodes is more than it can number`);
  const retains = retainingEdges(s, paths);
  const fe = s.firstEdge;
  const edgeTo = s.edgeTo;

  // Each step is its own function, so that V8 optimises each loop once, with feedback from
  // the code around it: one function holding them all was recompiled after every loop.
  const buffer = new ArrayBuffer(16 * (n + 1));
  const rec = new Uint32Array(buffer);
  /** DFS number → node. */
  const vertex = new Uint32Array(n + 1);
  // Per node, side by side: first edge and DFS number (0 = not reached). The DFS looks a
  // node's number up when an edge leads to it and needs its first edge right after when
  // the node is new: one cache miss instead of two.
  const node = new Uint32Array(2 * (n + 1));
  interleave(fe, node);
  // Cross/back predecessor counts per vertex, then the CSR's end offsets.
  const predEnd = new Uint32Array(n + 1);
  const count = depthFirst(root, retains, edgeTo, node, vertex, rec, predEnd);
  const preds = crossPredecessors(n, count, fe, retains, edgeTo, node, predEnd);

  // 3. Compression rewrites ANCESTOR, so the DFS parents are saved first, in the first half
  //    of `node`'s buffer (done with since step 2); semidominators go in its second half.
  const parent = new Uint32Array(node.buffer, 0, count + 1);
  const semi = new Uint32Array(node.buffer, 4 * (n + 1), count + 1);
  semidominators(count, rec, preds, predEnd, semi, parent);
  const dom = immediateDominators(count, parent, semi);

  // 4. The records are done with: their buffer becomes the outputs. Retained sizes
  //    bottom-up (a dominator always has a smaller DFS number).
  const retainedSize = new Float64Array(buffer, 0, n);
  const idom = new Uint32Array(buffer, 8 * n, n);
  const order = new Uint32Array(buffer, 12 * n, count);
  order.set(vertex.subarray(1, count + 1));
  retainedSize.set(s.nodeSelfSize);
  idom.fill(NO_NODE);
  byNode(count, vertex, dom, retainedSize, idom);
  return { idom, retainedSize, order };
}

/** `node[2v] = fe[v]`: in a function of its own, so that V8 optimises the loop early. */
function interleave(fe: Uint32Array, node: Uint32Array): void {
  for (let v = 0; v < fe.length; v++) node[2 * v] = fe[v];
}

/**
 * 1. Iterative DFS from the root, vertices numbered from 1. semi starts as the smallest
 *    predecessor numbered below the vertex (its tree parent or a forward edge's source);
 *    the other predecessors are only counted. The path back to the root is the stack:
 *    each vertex keeps where to resume in its record. Returns how many vertices it reached.
 */
function depthFirst(
  root: number, retains: Uint32Array, edgeTo: Uint32Array,
  node: Uint32Array, vertex: Uint32Array, rec: Uint32Array, predEnd: Uint32Array,
): number {
  let count = 1;
  node[2 * root + 1] = 1;
  vertex[1] = root;
  rec[4 + SEMI] = 1;
  let v = root;
  let nv = 1;
  let e = node[2 * root];
  for (;;) {
    const end = node[2 * v + 2];
    for (; e < end; e++) {
      if ((retains[e >>> 5] & (1 << (e & 31))) === 0) continue;
      const nx = node[2 * edgeTo[e] + 1];
      if (nx === 0) break;
      if (nx > nv) {
        if (nv < rec[4 * nx + SEMI]) rec[4 * nx + SEMI] = nv;
      } else {
        predEnd[nx]++;
      }
    }
    if (e < end) {
      rec[4 * nv + LABEL] = e + 1;
      const w = edgeTo[e];
      const nw = ++count;
      node[2 * w + 1] = nw;
      vertex[nw] = w;
      rec[4 * nw + ANCESTOR] = nv;
      rec[4 * nw + SEMI] = nv;
      v = w;
      nv = nw;
      e = node[2 * w];
    } else {
      nv = rec[4 * nv + ANCESTOR];
      if (nv === 0) return count;
      v = vertex[nv];
      e = rec[4 * nv + LABEL];
    }
  }
}

/**
 * 2. Cross/back predecessors by DFS number: those of w are preds[predEnd[w-1] .. predEnd[w]-1]
 *    once the fill has advanced each start offset to its end.
 */
function crossPredecessors(
  n: number, count: number, fe: Uint32Array, retains: Uint32Array, edgeTo: Uint32Array,
  node: Uint32Array, predEnd: Uint32Array,
): Uint32Array {
  let total = 0;
  for (let w = 1; w <= count; w++) {
    const c = predEnd[w];
    predEnd[w] = total;
    total += c;
  }
  const preds = new Uint32Array(total);
  for (let u = 0; u < n; u++) {
    const nu = node[2 * u + 1];
    if (nu === 0) continue;
    for (let e = fe[u], end = fe[u + 1]; e < end; e++) {
      if ((retains[e >>> 5] & (1 << (e & 31))) === 0) continue;
      const nx = node[2 * edgeTo[e] + 1];
      if (nx < nu) preds[predEnd[nx]++] = nu;
    }
  }
  return preds;
}

/**
 * Lengauer–Tarjan's eval: compresses v's path in the forest of linked vertices (those
 * numbered above `linked`), leaving at v the label with the least semi on it. Linking w to
 * its parent is implicit (its ANCESTOR already is).
 */
function compress(rec: Uint32Array, v: number, linked: number): void {
  let a = rec[4 * v + ANCESTOR];
  if (a <= linked) return;
  // Up to the child of the tree's root, pointing each link back down on the way…
  let below = 0;
  let x = v;
  do {
    rec[4 * x + ANCESTOR] = below;
    below = x;
    x = a;
    a = rec[4 * x + ANCESTOR];
  } while (a > linked);
  // …then down again: each vertex takes the better label from above and links to the root.
  let label = rec[4 * x + LABEL];
  let labelSemi = rec[4 * x + LABEL_SEMI];
  for (let y = below; y !== 0; ) {
    const r = 4 * y;
    const next = rec[r + ANCESTOR];
    if (labelSemi < rec[r + LABEL_SEMI]) {
      rec[r + LABEL] = label;
      rec[r + LABEL_SEMI] = labelSemi;
    } else {
      label = rec[r + LABEL];
      labelSemi = rec[r + LABEL_SEMI];
    }
    rec[r + ANCESTOR] = a;
    y = next;
  }
}

/** 3. Semidominators, in decreasing DFS order, into `semi`; the DFS parents, saved first, into `parent`. */
function semidominators(
  count: number, rec: Uint32Array, preds: Uint32Array, predEnd: Uint32Array, semi: Uint32Array, parent: Uint32Array,
): void {
  for (let w = 1; w <= count; w++) parent[w] = rec[4 * w + ANCESTOR];
  let warm = 0;
  for (let w = count; w >= 2; w--) {
    const start = predEnd[w - 1];
    // Touch the records the next vertices' predecessors will climb from: the next one's
    // and their parents', the one after's. Unlike compress's pointer chasing these loads
    // are independent, so their cache misses overlap; together they take almost half off
    // this loop on a 3 M-node heap.
    for (let r = predEnd[w - 2]; r < start; r++) warm |= rec[4 * rec[4 * preds[r]]];
    if (w > 2) for (let r = predEnd[w - 3], end = predEnd[w - 2]; r < end; r++) warm |= rec[4 * preds[r]];
    let sw = rec[4 * w + SEMI];
    for (let r = start, end = predEnd[w]; r < end; r++) {
      const v = preds[r];
      compress(rec, v, w);
      const sv = rec[4 * v + LABEL_SEMI];
      if (sv < sw) sw = sv;
    }
    rec[4 * w + LABEL] = w;
    rec[4 * w + LABEL_SEMI] = sw;
    semi[w] = sw;
  }
  if (warm === -1) throw new Error('unreachable: keeps the warming loads alive');
}

/**
 * Immediate dominators by SEMI-NCA (Georgiadis): idom(w) is the nearest common ancestor,
 * in the dominator tree built so far, of w's parent and its semidominator, which is an
 * ancestor of the parent: climb from the parent until at or above the semidominator.
 * Increasing order, in place over `parent`: every vertex climbed through is final. This
 * replaces Lengauer–Tarjan's buckets (a second compression per vertex) with short walks.
 */
function immediateDominators(count: number, parent: Uint32Array, semi: Uint32Array): Uint32Array {
  const dom = parent;
  dom[1] = 1;
  for (let w = 2; w <= count; w++) {
    const sw = semi[w];
    let d = parent[w];
    while (d > sw) d = dom[d];
    dom[w] = d;
  }
  return dom;
}

/** Retained sizes (bottom-up: a dominator has a smaller DFS number) and idom, by node. */
function byNode(count: number, vertex: Uint32Array, dom: Uint32Array, retainedSize: Float64Array, idom: Uint32Array): void {
  for (let w = count; w >= 2; w--) retainedSize[vertex[dom[w]]] += retainedSize[vertex[w]];
  for (let w = 1; w <= count; w++) idom[vertex[w]] = vertex[dom[w]];
}

/** Bit set over edges: bit e is 1 when edge e retains its target. */
function retainingEdges(s: HeapSnapshot, paths?: Pick<RetainerPaths, 'skip'>): Uint32Array {
  const m = s.edgeCount;
  const bits = new Uint32Array((m + 31) >>> 5);
  const skip = paths ? paths.skip : null;
  const weak = s.edgeTypes.weak;
  const shortcut = s.edgeTypes.shortcut;
  const root = s.rootIndex;
  const fe = s.firstEdge;
  const edgeTo = s.edgeTo;
  const edgeType = s.edgeType;
  // Edges are numbered in node order, so each word is filled in turn and written once.
  let word = 0;
  for (let v = 0; v < s.nodeCount; v++) {
    for (let e = fe[v], end = fe[v + 1]; e < end; e++) {
      const t = edgeType[e];
      const drop = t === weak || edgeTo[e] === v || (t === shortcut && v !== root) || (skip !== null && skip[e] !== 0);
      if (!drop) word |= 1 << (e & 31);
      if ((e & 31) === 31) {
        bits[e >>> 5] = word;
        word = 0;
      }
    }
  }
  if ((m & 31) !== 0) bits[m >>> 5] = word;
  if (!paths) {
    forEachWeakMapTableEdge(s, (e) => {
      bits[e >>> 5] &= ~(1 << (e & 31));
    });
  }
  return bits;
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
