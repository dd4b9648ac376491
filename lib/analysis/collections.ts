// Entry counts of JS collections, read off the heap graph. V8 records array elements and
// dictionary properties as edges on the object itself, but keeps Map/Set entries in a
// backing hash table reached through an internal `table` edge, so each kind needs its own
// reading. Primitive (Smi) entries have no edge and are invisible here: growth of a
// collection of small integers is not detectable from a snapshot.
import type { HeapSnapshot } from '../heap/snapshot.js';

export type CollectionKind = 'Array' | 'Map' | 'Set' | 'Object';

const KINDS: ReadonlySet<string> = new Set(['Array', 'Map', 'Set', 'Object']);

/** The collection kind of a node, or null when it is not one we measure. */
export function collectionKind(s: HeapSnapshot, node: number): CollectionKind | null {
  if (s.nodeType[node] !== s.types.object) return null;
  const name = s.name(node);
  return KINDS.has(name) ? (name as CollectionKind) : null;
}

/** Logical size: elements, own named properties, or hash-table entries. */
export function collectionSize(s: HeapSnapshot, node: number, kind: CollectionKind): number {
  const { element, property, internal } = s.edgeTypes;
  const end = s.firstEdge[node + 1];
  if (kind === 'Array' || kind === 'Object') {
    let n = 0;
    for (let e = s.firstEdge[node]; e < end; e++) {
      const t = s.edgeType[e];
      if (t === element) n++;
      else if (kind === 'Object' && t === property && s.strings[s.edgeNameOrIndex[e]] !== '__proto__') n++;
    }
    return n;
  }
  // Map/Set: entries live in the `table` store as numbered internal edges. A Map entry is
  // (key, value, chain) and a Set entry (key, chain), so distinct slots / stride is the
  // number of entries that hold at least one heap object.
  const stride = kind === 'Map' ? 3 : 2;
  for (let e = s.firstEdge[node]; e < end; e++) {
    if (s.edgeType[e] !== internal || s.strings[s.edgeNameOrIndex[e]] !== 'table') continue;
    const table = s.edgeTo[e];
    const tEnd = s.firstEdge[table + 1];
    let min = Infinity;
    for (let t = s.firstEdge[table]; t < tEnd; t++) {
      const slot = slotIndex(s, t);
      if (slot >= 0 && slot < min) min = slot;
    }
    if (min === Infinity) return 0;
    let count = 0;
    let last = -1;
    for (let t = s.firstEdge[table]; t < tEnd; t++) {
      const slot = slotIndex(s, t);
      if (slot < 0) continue;
      const entry = Math.floor((slot - min) / stride);
      if (entry !== last) {
        count++;
        last = entry;
      }
    }
    return count;
  }
  return 0;
}

/** Numbered slot of a hash-table edge (internal edges are named "7", "8", ...), or -1. */
function slotIndex(s: HeapSnapshot, edge: number): number {
  const t = s.edgeType[edge];
  if (t === s.edgeTypes.element || t === s.edgeTypes.hidden) return s.edgeNameOrIndex[edge];
  if (t !== s.edgeTypes.internal) return -1;
  const name = s.strings[s.edgeNameOrIndex[edge]];
  const c = name.charCodeAt(0);
  if (c < 48 || c > 57) return -1;
  return Number(name);
}

/** Sizes of every measurable collection, keyed by node id. */
export function collectionSizesById(s: HeapSnapshot): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < s.nodeCount; i++) {
    const kind = collectionKind(s, i);
    if (kind) out.set(s.nodeId[i], collectionSize(s, i, kind));
  }
  return out;
}
