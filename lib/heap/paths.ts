// Shortest retainer chains for every object at once: one multi-source BFS that records each
// node's parent edge, so a chain is a walk of parent pointers (objgraph's
// find_backref_chain, done once for the whole heap). Seeds are the page's Windows first, so
// anything the page can reach gets a chain that starts at `window`; whatever is left is
// reached from V8's and Blink's GC roots. Weak edges, WeakMap table edges (see
// ephemerons.ts) and the internals filter's edges are never walked.

import { NO_NODE, type HeapSnapshot } from './snapshot.js';
import type { InternalsFilter, InternalsReason } from './internals.js';
import { markWeakMapTableEdges } from './ephemerons.js';
import { findUserRoots } from './roots.js';
import { className } from './class-names.js';

/** `distance` of a node no chain reaches. */
export const NO_DISTANCE = 0xffffffff;
/** Distances from GC roots start here (DevTools' baseSystemDistance), user roots at 0. */
export const SYSTEM_DISTANCE = 100_000_000;

/** Value of `skip` for edges dropped because they are WeakMap table → value edges. */
const TABLE_EDGE = 255;
/** How far ahead in the BFS queue nodes' data is touched early. */
const LOOK_AHEAD = 8;

export interface RetainerPaths {
  /** Per node: the edge from its parent on its shortest chain; NO_NODE for chain starts and unreachable nodes. */
  parentEdge: Uint32Array;
  /**
   * Per node: edges from the chain's start. Below SYSTEM_DISTANCE the chain starts at a
   * user root (a Window); SYSTEM_DISTANCE + k when it starts at a GC root; NO_DISTANCE when
   * no chain exists (only weakly or only internally held).
   */
  distance: Uint32Array;
  /** The user roots that seeded the search, in order. */
  userRoots: Uint32Array;
  /** Per edge: nonzero = not walked (weak, WeakMap table edge, or a filter reason code). */
  skip: Uint8Array;
  filter?: InternalsFilter;
}

export interface RetainerPathsOptions {
  filter?: InternalsFilter;
  /** Override the seeds (default: `findUserRoots`). */
  userRoots?: Uint32Array;
}

export function computeRetainerPaths(s: HeapSnapshot, opts: RetainerPathsOptions = {}): RetainerPaths {
  const n = s.nodeCount;
  const skip = retainerSkipMask(s, opts.filter);
  const parentEdge = new Uint32Array(n).fill(NO_NODE);
  const distance = new Uint32Array(n).fill(NO_DISTANCE);
  // "Reached" as one bit per node: the BFS asks it once per edge, and a bit set small
  // enough to stay in cache answers far faster than a random read of `distance`.
  const reached = new Uint32Array((n + 31) >>> 5);
  // Slack at the end for the look-ahead below.
  const queue = new Uint32Array(n + LOOK_AHEAD);
  const userRoots = opts.userRoots ?? findUserRoots(s);
  const fe = s.firstEdge;
  const edgeTo = s.edgeTo;

  let tail = 0;
  const seed = (v: number, d: number): void => {
    distance[v] = d;
    reached[v >>> 5] |= 1 << (v & 31);
    queue[tail++] = v;
  };
  // Level by level, so that a node's distance is known without reading it back. The
  // queue says which nodes come next: touching their first edge a few nodes ahead lets
  // those cache misses overlap with the work on the current node (about 25% faster).
  let warm = 0;
  const lastEdge = Math.max(0, s.edgeCount - 1);
  const bfs = (head: number, d: number): void => {
    while (head < tail) {
      const levelEnd = tail;
      d++;
      for (; head < levelEnd; head++) {
        const soon = Math.min(fe[queue[head + (LOOK_AHEAD >> 1)]], lastEdge);
        warm |= edgeTo[soon] | skip[soon] | fe[queue[head + LOOK_AHEAD]];
        const v = queue[head];
        for (let e = fe[v], end = fe[v + 1]; e < end; e++) {
          if (skip[e]) continue;
          const w = edgeTo[e];
          const bit = 1 << (w & 31);
          if (reached[w >>> 5] & bit) continue;
          reached[w >>> 5] |= bit;
          distance[w] = d;
          parentEdge[w] = e;
          queue[tail++] = w;
        }
      }
    }
  };
  for (const r of userRoots) {
    if (distance[r] === NO_DISTANCE) seed(r, 0);
  }
  bfs(0, 0);

  // Then everything else, from the sub-roots under the synthetic root and `(GC roots)`:
  // chains start at the sub-root (`(Global handles)`, `C++ Persistent roots`, …), which
  // says more than the two synthetic nodes above it.
  const head = tail;
  const root = s.rootIndex;
  const gcRoots = s.gcRootsIndex;
  const tops = root === gcRoots ? [root] : [root, gcRoots];
  for (const top of tops) {
    if (distance[top] === NO_DISTANCE) {
      distance[top] = SYSTEM_DISTANCE;
      reached[top >>> 5] |= 1 << (top & 31);
    }
  }
  for (const top of tops) {
    for (let e = fe[top], end = fe[top + 1]; e < end; e++) {
      if (skip[e]) continue;
      const w = edgeTo[e];
      if (distance[w] === NO_DISTANCE) seed(w, SYSTEM_DISTANCE);
    }
  }
  bfs(head, SYSTEM_DISTANCE);
  if (warm === -1) throw new Error('unreachable: keeps the look-ahead loads alive');
  return { parentEdge, distance, userRoots, skip, filter: opts.filter };
}

/**
 * Per edge: non-zero when retainer paths (and so dominators) must not follow it — weak and
 * WeakMap table edges, and the filter's. All `computeDominators` needs of the paths: a
 * caller after retained sizes alone can skip the breadth-first search.
 */
export function retainerSkipMask(s: HeapSnapshot, filter?: InternalsFilter): Uint8Array {
  if (filter) {
    // The filter's own mask already says which edges not to walk; WeakMap table edges are
    // added to it in place rather than to a copy (one byte an edge: 13 MB on a 300 MB
    // snapshot). Marking is idempotent and `reasonOf` ignores the table-edge code.
    const skip = filter.skipEdge;
    markWeakMapTableEdges(s, skip, TABLE_EDGE, true);
    return skip;
  }
  const skip = new Uint8Array(s.edgeCount);
  markWeakMapTableEdges(s, skip, TABLE_EDGE);
  {
    const weak = s.edgeTypes.weak;
    const t = s.edgeType;
    for (let e = 0; e < t.length; e++) if (t[e] === weak) skip[e] = 1;
  }
  return skip;
}

/** One step of a chain: a node and the edge from it to the next step (null on the last). */
export interface ChainStep {
  node: number;
  edge: number | null;
}

export interface ChainQuery {
  /** Longest chain accepted, in edges. */
  maxDepth?: number;
  /** Node indices a chain must not pass through (objgraph's extra_ignore). */
  ignore?: ReadonlySet<number>;
}

/**
 * The retainer chain of `node`, chain start first, or null when none exists (unreachable,
 * or nothing within `maxDepth` / around `ignore`). Without options this is a walk of the
 * precomputed parent pointers; with them, a BFS backwards over retainers that prefers a
 * chain from a user root over a shorter one from a GC root, as the forward search does.
 */
export function retainerChain(
  s: HeapSnapshot,
  paths: RetainerPaths,
  node: number,
  opts: ChainQuery = {},
): ChainStep[] | null {
  if (opts.maxDepth !== undefined || (opts.ignore && opts.ignore.size > 0)) return searchBackwards(s, paths, node, opts);
  if (paths.distance[node] === NO_DISTANCE) return null;
  const steps: ChainStep[] = [{ node, edge: null }];
  let cur = node;
  while (paths.parentEdge[cur] !== NO_NODE) {
    const e = paths.parentEdge[cur];
    cur = s.edgeFrom(e);
    steps.push({ node: cur, edge: e });
  }
  return steps.reverse();
}

function searchBackwards(s: HeapSnapshot, paths: RetainerPaths, target: number, opts: ChainQuery): ChainStep[] | null {
  const maxDepth = opts.maxDepth ?? Infinity;
  const ignore = opts.ignore;
  const { parentEdge, distance, skip } = paths;
  const { firstRetainer, retainerEdge } = s.retainers;
  const isStart = (x: number) => parentEdge[x] === NO_NODE && distance[x] !== NO_DISTANCE;
  // towardTarget[x]: the edge from x one step closer to the target.
  const towardTarget = new Uint32Array(s.nodeCount).fill(NO_NODE);
  const visited = new Uint8Array(s.nodeCount);
  const queue = new Uint32Array(s.nodeCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = target;
  visited[target] = 1;
  let fallback = -1;
  for (let depth = 0; head < tail && depth <= maxDepth; depth++) {
    const levelEnd = tail;
    while (head < levelEnd) {
      const x = queue[head++];
      if (isStart(x)) {
        if (distance[x] < SYSTEM_DISTANCE) return unwind(s, x, towardTarget);
        if (fallback < 0) fallback = x;
        continue;
      }
      if (depth === maxDepth) continue;
      for (let r = firstRetainer[x], end = firstRetainer[x + 1]; r < end; r++) {
        const e = retainerEdge[r];
        if (skip[e]) continue;
        const from = s.edgeFrom(e);
        // Nodes without a forward chain cannot lead back to a chain start.
        if (visited[from] || distance[from] === NO_DISTANCE || ignore?.has(from)) continue;
        visited[from] = 1;
        towardTarget[from] = e;
        queue[tail++] = from;
      }
    }
  }
  return fallback >= 0 ? unwind(s, fallback, towardTarget) : null;
}

function unwind(s: HeapSnapshot, start: number, towardTarget: Uint32Array): ChainStep[] {
  const steps: ChainStep[] = [];
  let cur = start;
  while (towardTarget[cur] !== NO_NODE) {
    const e = towardTarget[cur];
    steps.push({ node: cur, edge: e });
    cur = s.edgeTo[e];
  }
  steps.push({ node: cur, edge: null });
  return steps;
}

/** A chain step as plain data, for results and reports. */
export interface ChainLink {
  nodeId: number;
  className: string;
  type: string;
  name: string;
  selfSize: number;
  /** The edge from this step to the next; null on the chain's last step. */
  edgeName: string | null;
  edgeType: string | null;
}

export function serializeChain(
  s: HeapSnapshot,
  chain: readonly ChainStep[],
  opts: { detachedness?: Uint8Array } = {},
): ChainLink[] {
  return chain.map(({ node, edge }) => ({
    nodeId: s.id(node),
    className: className(s, node, opts.detachedness),
    type: s.typeName(node),
    name: s.name(node),
    selfSize: s.selfSize(node),
    edgeName: edge === null ? null : s.edgeName(edge),
    edgeType: edge === null ? null : s.edgeTypeName(edge),
  }));
}

export interface HiddenCount extends InternalsReason {
  /** Objects that only this rule's edges keep alive (first rule to reach them wins). */
  objects: number;
  bytes: number;
}

/**
 * Per node: why it has no chain. 0 when it has one, or when nothing but weak edges holds
 * it (garbage the GC has not collected); otherwise 1 + the index in `paths.filter.reasons`
 * of the first rule, in filter order, whose skipped edges keep it alive.
 */
export function hiddenReasonOf(s: HeapSnapshot, paths: RetainerPaths): Uint8Array {
  const reason = new Uint8Array(s.nodeCount);
  const filter = paths.filter;
  if (!filter) return reason;
  const { distance } = paths;
  const queue = new Uint32Array(s.nodeCount);
  const fe = s.firstEdge;
  const edgeTo = s.edgeTo;
  const edgeType = s.edgeType;
  const weak = s.edgeTypes.weak;
  const codeSkip = filter.skipEdge;
  // Seeds per rule: targets of that rule's edges leaving a node that has a chain.
  const seeds: number[][] = filter.reasons.map(() => []);
  for (let v = 0; v < s.nodeCount; v++) {
    if (distance[v] === NO_DISTANCE) continue;
    for (let e = fe[v], end = fe[v + 1]; e < end; e++) {
      const c = codeSkip[e];
      // Codes past the rules mark WeakMap table edges, which retain nothing by themselves.
      if (c && c <= seeds.length && edgeType[e] !== weak && distance[edgeTo[e]] === NO_DISTANCE) seeds[c - 1].push(edgeTo[e]);
    }
  }
  for (let i = 0; i < seeds.length; i++) {
    if (filter.reasons[i].id === 'weak') continue;
    const code = i + 1;
    let tail = 0;
    for (const x of seeds[i]) {
      if (reason[x]) continue;
      reason[x] = code;
      queue[tail++] = x;
    }
    for (let head = 0; head < tail; head++) {
      const v = queue[head];
      for (let e = fe[v], end = fe[v + 1]; e < end; e++) {
        if (edgeType[e] === weak) continue;
        const w = edgeTo[e];
        if (reason[w] || distance[w] !== NO_DISTANCE) continue;
        reason[w] = code;
        queue[tail++] = w;
      }
    }
  }
  return reason;
}

/** What the internals filter hid and why, per rule (see hiddenReasonOf). */
export function hiddenByReason(s: HeapSnapshot, paths: RetainerPaths, reasonOf?: Uint8Array): HiddenCount[] {
  const filter = paths.filter;
  if (!filter) return [];
  const codes = reasonOf ?? hiddenReasonOf(s, paths);
  const objects = new Float64Array(filter.reasons.length);
  const bytes = new Float64Array(filter.reasons.length);
  for (let v = 0; v < s.nodeCount; v++) {
    const c = codes[v];
    if (!c) continue;
    objects[c - 1]++;
    bytes[c - 1] += s.nodeSelfSize[v];
  }
  return filter.reasons.map((r, i) => ({ ...r, objects: objects[i], bytes: bytes[i] }));
}
