// Per-class statistics (DevTools' Summary view) and objgraph-style lookups by class.
// Like DevTools, objects of self size 0 are not counted: they are V8's read-only and
// shared objects, and the zero-size number nodes `captureNumericValue` adds.

import { classIndex, type ClassIndex } from './class-names.js';
import { computeDominators, type Dominators } from './dominators.js';
import { NO_NODE, type HeapSnapshot } from './snapshot.js';

export interface ClassStat {
  className: string;
  count: number;
  selfSize: number;
  /**
   * Bytes freed if every member went away: the sum of the retained sizes of members that
   * no other member of the class dominates (so nested members are not counted twice).
   */
  retainedSize: number;
}

export interface ClassQueryOptions {
  /** Reuse an interning computed once for the snapshot. */
  classes?: ClassIndex;
  /** Count zero-size nodes too (DevTools does not). */
  includeZeroSize?: boolean;
}

export interface ClassStatisticsOptions extends ClassQueryOptions {
  /** Reuse dominators; computed here when absent and `retained` is not false. */
  dominators?: Dominators;
  /** Set false to skip retained sizes (reported as 0) and the dominator computation. */
  retained?: boolean;
}

/** One row per class, most numerous first. */
export function classStatistics(s: HeapSnapshot, opts: ClassStatisticsOptions = {}): ClassStat[] {
  const { classOf, names } = opts.classes ?? classIndex(s);
  const k = names.length;
  const count = new Float64Array(k);
  const self = new Float64Array(k);
  const sizes = s.nodeSelfSize;
  const includeZero = opts.includeZeroSize === true;
  for (let i = 0; i < s.nodeCount; i++) {
    const sz = sizes[i];
    if (sz === 0 && !includeZero) continue;
    const c = classOf[i];
    count[c]++;
    self[c] += sz;
  }
  const retained =
    opts.retained === false
      ? new Float64Array(k)
      : classRetainedSizes(s, classOf, k, opts.dominators ?? computeDominators(s), includeZero);
  const out: ClassStat[] = [];
  for (let c = 0; c < k; c++) {
    if (count[c] === 0) continue;
    out.push({ className: names[c], count: count[c], selfSize: self[c], retainedSize: retained[c] });
  }
  out.sort((a, b) => b.count - a.count || b.selfSize - a.selfSize || cmp(a.className, b.className));
  return out;
}

/**
 * Walks the dominator tree depth-first, remembering which classes have a counted member on
 * the current path; a member is added only when its class is not already on that path.
 * The tree is kept as first-child / next-sibling links (one pass over `order`) and walked
 * without a stack, climbing back up by `idom`: no children index, no stack array. The
 * order members are added in does not matter: sizes are integers, so sums are exact.
 */
function classRetainedSizes(
  s: HeapSnapshot,
  classOf: Uint32Array,
  k: number,
  d: Dominators,
  includeZero: boolean,
): Float64Array {
  const sum = new Float64Array(k);
  const onPath = new Uint8Array(k);
  const { idom, order, retainedSize } = d;
  const n = s.nodeCount;
  const sizes = s.nodeSelfSize;
  if (order.length > 0) {
    // Node + 1, 0 for none.
    const firstChild = new Uint32Array(n);
    const nextSibling = new Uint32Array(n);
    for (let i = order.length - 1; i >= 1; i--) {
      const v = order[i];
      const p = idom[v];
      nextSibling[v] = firstChild[p];
      firstChild[p] = v + 1;
    }
    walk(order[0], firstChild, nextSibling, idom, classOf, sizes, retainedSize, includeZero, sum, onPath, new Uint8Array(n));
  }
  // Objects no chain from the root reaches are nobody's descendants: their own size counts.
  for (let v = 0; v < n; v++) {
    if (idom[v] === NO_NODE && (includeZero || sizes[v] !== 0)) sum[classOf[v]] += retainedSize[v];
  }
  return sum;
}

function walk(
  root: number, firstChild: Uint32Array, nextSibling: Uint32Array, idom: Uint32Array, classOf: Uint32Array,
  sizes: Float64Array, retainedSize: Float64Array, includeZero: boolean, sum: Float64Array, onPath: Uint8Array,
  /** Per node: it put its class on the path, to take it off when the walk leaves it. */
  opened: Uint8Array,
): void {
  let v = root;
  for (;;) {
    const c = classOf[v];
    const child = firstChild[v];
    if ((includeZero || sizes[v] !== 0) && onPath[c] === 0) {
      sum[c] += retainedSize[v];
      if (child !== 0) {
        onPath[c] = 1;
        opened[v] = 1;
      }
    }
    if (child !== 0) {
      v = child - 1;
      continue;
    }
    // A leaf: leave it, and every ancestor whose last child it closes, up to a next sibling.
    for (;;) {
      if (opened[v] !== 0) onPath[classOf[v]] = 0;
      if (v === root) return;
      const next = nextSibling[v];
      if (next !== 0) {
        v = next - 1;
        break;
      }
      v = idom[v];
    }
  }
}

function classId(classes: ClassIndex, name: string): number {
  return classes.names.indexOf(name);
}

/** objgraph's count(): how many objects of this class (0 for an unknown class). */
export function countByClass(s: HeapSnapshot, name: string, opts: ClassQueryOptions = {}): number {
  const classes = opts.classes ?? classIndex(s);
  const c = classId(classes, name);
  if (c < 0) return 0;
  let n = 0;
  const sizes = s.nodeSelfSize;
  for (let i = 0; i < s.nodeCount; i++) {
    if (classes.classOf[i] === c && (opts.includeZeroSize || sizes[i] !== 0)) n++;
  }
  return n;
}

/** objgraph's by_type(): node indices of this class, in snapshot order ([] for an unknown class). */
export function nodesOfClass(s: HeapSnapshot, name: string, opts: ClassQueryOptions = {}): number[] {
  const classes = opts.classes ?? classIndex(s);
  const c = classId(classes, name);
  if (c < 0) return [];
  const out: number[] = [];
  const sizes = s.nodeSelfSize;
  for (let i = 0; i < s.nodeCount; i++) {
    if (classes.classOf[i] === c && (opts.includeZeroSize || sizes[i] !== 0)) out.push(i);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
