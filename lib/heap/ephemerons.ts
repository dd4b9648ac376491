// WeakMap entries. V8 draws two edges to each value, one from the key and one from the
// WeakMap's backing table, both named like
//   `3 / part of key (Key @41) -> value (Val @43) pair in WeakMap (table @45)`.
// The value lives only while *both* are alive, so the table edge alone never retains it.
// Dropping the table edge (as DevTools does for dominators and distances) leaves the key
// edge, which is the one a developer can act on: "the value is alive because the key is".

import type { HeapSnapshot } from './snapshot.js';

const MARKER_BYTES = new TextEncoder().encode(' pair in WeakMap (table @');
const KEY_BYTES = new TextEncoder().encode(' / part of key (');
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
  // Per string index: 0 not yet looked at, 1 not a WeakMap edge name, 2 one, whose table
  // id is then in `tableId`. A byte per string keeps the lookup, made for each of millions
  // of internal edges, in cache; `tableId` is only touched for WeakMap names.
  const kind = new Uint8Array(s.stringCount);
  const tableId = new Float64Array(s.stringCount);
  const classify = (si: number): number => {
    // Checked on the table's bytes first: most internal edge names are never decoded.
    const t = s.stringTable;
    const m = t.startsWithNumbered(si, KEY_BYTES) && t.endsWithNumbered(si, MARKER_BYTES, 0x29) ? PATTERN.exec(s.string(si) ?? '') : null;
    if (m) tableId[si] = Number(m[1]);
    return (kind[si] = m ? 2 : 1);
  };
  const edges = tableEdges(s, internal, kind, tableId, classify);
  for (const e of edges) visit(e);
  return edges.length;
}

/**
 * The table → value edges, in edge order, found by a loop over typed arrays only; visiting
 * them after it keeps the caller's code out of the loop V8 optimises.
 */
function tableEdges(
  s: HeapSnapshot, internal: number, kind: Uint8Array, tableId: Float64Array, classify: (si: number) => number,
): number[] {
  const edgeType = s.edgeType;
  const names = s.edgeNameOrIndex;
  const fe = s.firstEdge;
  const ids = s.nodeId;
  const out: number[] = [];
  for (let node = 0; node < s.nodeCount; node++) {
    for (let e = fe[node], end = fe[node + 1]; e < end; e++) {
      if (edgeType[e] !== internal) continue;
      const si = names[e];
      let k = kind[si];
      if (k === 0) k = classify(si);
      if (k === 2 && ids[node] === tableId[si]) out.push(e);
    }
  }
  return out;
}

