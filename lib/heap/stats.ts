// Per-class statistics (DevTools' Summary view) and objgraph-style lookups by class.
// Like DevTools, objects of self size 0 are not counted: they are V8's read-only and
// shared objects, and the zero-size number nodes `captureNumericValue` adds.

import { classIndex, type ClassIndex } from './class-names.js';
import { computeDominators, dominatorTree, type Dominators } from './dominators.js';
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
  const { firstChild, children } = dominatorTree(d);
  const sizes = s.nodeSelfSize;
  const counted = (v: number) => includeZero || sizes[v] !== 0;
  // Stack entries: node index, with the top bit set for "leave" markers.
  const LEAVE = 0x80000000;
  const stack = new Uint32Array(2 * d.order.length + 1);
  let sp = 0;
  if (d.order.length > 0) stack[sp++] = d.order[0];
  while (sp > 0) {
    const entry = stack[--sp];
    if (entry & LEAVE) {
      onPath[classOf[entry & 0x7fffffff]] = 0;
      continue;
    }
    const v = entry;
    const c = classOf[v];
    if (counted(v) && !onPath[c]) {
      sum[c] += d.retainedSize[v];
      if (firstChild[v] !== firstChild[v + 1]) {
        onPath[c] = 1;
        stack[sp++] = (v | LEAVE) >>> 0;
      }
    }
    for (let i = firstChild[v + 1]; i > firstChild[v]; i--) stack[sp++] = children[i - 1];
  }
  // Objects no chain from the root reaches are nobody's descendants: their own size counts.
  for (let v = 0; v < s.nodeCount; v++) {
    if (d.idom[v] === NO_NODE && counted(v)) sum[classOf[v]] += d.retainedSize[v];
  }
  return sum;
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
