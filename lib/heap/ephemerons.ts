// WeakMap entries. V8 draws two edges to each value, one from the key and one from the
// WeakMap's backing table, both named like
//   `3 / part of key (Key @41) -> value (Val @43) pair in WeakMap (table @45)`.
// The value lives only while *both* are alive, so the table edge alone never retains it.
// Dropping the table edge (as DevTools does for dominators and distances) leaves the key
// edge, which is the one a developer can act on: "the value is alive because the key is".

import type { HeapSnapshot } from './snapshot.js';

const MARKER_BYTES = new TextEncoder().encode(' pair in WeakMap (table @');
const PATTERN = /^\d+ \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\)$/s;

/**
 * Sets `out[e] = value` for every WeakMap table → value edge (edges leaving the table
 * node named in the edge) and returns how many were marked.
 */
export function markWeakMapTableEdges(s: HeapSnapshot, out: Uint8Array, value = 1, keepExisting = false): number {
  return forEachWeakMapTableEdge(s, (e) => {
    // keepExisting: an edge some other rule already marked keeps that rule's code.
    if (!keepExisting || out[e] === 0) out[e] = value;
  });
}

/**
 * Calls `visit(e)` for every WeakMap table → value edge, in edge order, and returns how
 * many there were. For callers that keep their own edge set (a bit set, say) and would
 * otherwise need a byte per edge just to receive the marks.
 */
export function forEachWeakMapTableEdge(s: HeapSnapshot, visit: (edge: number) => void): number {
  const internal = s.edgeTypes.internal;
  if (internal < 0) return 0;
  // Per string index: 0 not yet looked at, 1 not a WeakMap edge name, 2 one (its table id
  // in `tableIds`). A byte per string keeps the lookup, made for each of millions of
  // internal edges, in cache; the few WeakMap names go to a map.
  let kind: Uint8Array | undefined;
  const tableIds = new Map<number, number>();
  const edgeType = s.edgeType;
  const names = s.edgeNameOrIndex;
  const fe = s.firstEdge;
  const ids = s.nodeId;
  let marked = 0;
  for (let node = 0; node < s.nodeCount; node++) {
    for (let e = fe[node], end = fe[node + 1]; e < end; e++) {
      if (edgeType[e] !== internal) continue;
      const si = names[e];
      if (!kind) kind = new Uint8Array(s.stringCount);
      let k = kind[si];
      if (k === 0) {
        // Checked on the table's bytes first: most internal edge names are never decoded.
        const m = s.stringTable.endsWithNumbered(si, MARKER_BYTES, 0x29) ? PATTERN.exec(s.string(si) ?? '') : null;
        k = m ? 2 : 1;
        if (m) tableIds.set(si, Number(m[1]));
        kind[si] = k;
      }
      if (k === 2 && ids[node] === tableIds.get(si)) {
        visit(e);
        marked++;
      }
    }
  }
  return marked;
}
