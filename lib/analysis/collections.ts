// Entry counts of JS collections, read off the heap graph. V8 records array elements and
// dictionary properties as edges on the object itself, but keeps Map/Set entries in a
// backing hash table reached through an internal `table` edge, so each kind needs its own
// reading. Primitive (Smi) entries have no edge and are invisible here: growth of a
// collection of small integers is not detectable from a snapshot. Booleans, null and
// undefined are shared oddball objects with an edge like any value (see collectionSize).
import type { HeapSnapshot } from '../heap/snapshot.js';
import { IdValues } from './id-index.js';

export type CollectionKind = 'Array' | 'Map' | 'Set' | 'Object';

const KINDS: ReadonlySet<string> = new Set(['Array', 'Map', 'Set', 'Object']);

const KIND_LIST: readonly CollectionKind[] = ['Array', 'Map', 'Set', 'Object'];

/**
 * The collection kind of a node, or null when it is not one we measure. Returns a function
 * that decides by string index once per name, for loops over every node of a snapshot.
 */
export function collectionKinds(s: HeapSnapshot): (node: number) => CollectionKind | null {
  // Per string index: 0 unknown yet, 1 not a collection name, 2 + index into KIND_LIST.
  const byName = new Uint8Array(s.stringCount);
  const object = s.types.object;
  return (node) => {
    if (s.nodeType[node] !== object) return null;
    const si = s.nodeName[node];
    let k = byName[si];
    if (k === 0) {
      const name = s.string(si) ?? '';
      k = KINDS.has(name) ? 2 + KIND_LIST.indexOf(name as CollectionKind) : 1;
      byName[si] = k;
    }
    return k === 1 ? null : KIND_LIST[k - 2];
  };
}

/**
 * Logical size: elements, own named properties, or hash-table entries, counting every
 * entry that holds a value — an object, a string, or a boolean (`seen[key] = true` is a
 * set of keys, and it leaks like one). Entries whose value is null, undefined or a hole
 * are tombstones (rule `leak.collection-tombstone`): code that "removes" by assigning
 * null (Leaflet's `_leaflet_events[id] = null`) leaves a key that holds nothing, and
 * counting it would call a correct teardown a growing collection.
 */
export function collectionSize(s: HeapSnapshot, node: number, kind: CollectionKind): number {
  return collectionSizer(s)(node, kind);
}

/**
 * `collectionSize` for loops over every collection of a snapshot: which nodes are empty
 * values is decided once per name (a string index), not once per entry.
 */
export function collectionSizer(s: HeapSnapshot): (node: number, kind: CollectionKind) => number {
  // Per string index: 0 unknown yet, 1 an empty value's name, 2 anything else.
  const emptyName = new Uint8Array(s.stringCount);
  const native = s.types.native;
  const isEmpty = (v: number): boolean => {
    if (s.nodeType[v] !== native) return false;
    const si = s.nodeName[v];
    let k = emptyName[si];
    if (k === 0) emptyName[si] = k = EMPTY_VALUES.has(s.string(si) ?? '') ? 1 : 2;
    return k === 1;
  };
  const { element, property, internal } = s.edgeTypes;
  return (node, kind) => {
    const end = s.firstEdge[node + 1];
    if (kind === 'Array' || kind === 'Object') {
      let n = 0;
      for (let e = s.firstEdge[node]; e < end; e++) {
        const t = s.edgeType[e];
        if (t !== element && !(kind === 'Object' && t === property && s.string(s.edgeNameOrIndex[e]) !== '__proto__')) continue;
        if (!isEmpty(s.edgeTo[e])) n++;
      }
      return n;
    }
    // Map/Set: entries live in the `table` store as numbered internal edges. A Map entry is
    // (key, value, chain) and a Set entry (key, chain), so distinct slots / stride is the
    // number of entries that hold at least one heap value (a deleted entry holds holes).
    const stride = kind === 'Map' ? 3 : 2;
    for (let e = s.firstEdge[node]; e < end; e++) {
      if (s.edgeType[e] !== internal || s.string(s.edgeNameOrIndex[e]) !== 'table') continue;
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
        if (slot < 0 || isEmpty(s.edgeTo[t])) continue;
        const entry = Math.floor((slot - min) / stride);
        if (entry !== last) {
          count++;
          last = entry;
        }
      }
      return count;
    }
    return 0;
  };
}

/** Values that hold nothing: a key or slot set to one of these is a tombstone. */
const EMPTY_VALUES: ReadonlySet<string> = new Set(['null', 'undefined', 'system / Hole']);

/** Numbered slot of a hash-table edge (internal edges are named "7", "8", ...), or -1. */
function slotIndex(s: HeapSnapshot, edge: number): number {
  const t = s.edgeType[edge];
  if (t === s.edgeTypes.element || t === s.edgeTypes.hidden) return s.edgeNameOrIndex[edge];
  if (t !== s.edgeTypes.internal) return -1;
  const name = s.string(s.edgeNameOrIndex[edge]) ?? '';
  const c = name.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return -1;
  return Number(name);
}

/** Sizes of every measurable collection, keyed by node id. */
export function collectionSizesById(s: HeapSnapshot): IdValues {
  const kindOf = collectionKinds(s);
  const sizeOf = collectionSizer(s);
  let n = 0;
  for (let i = 0; i < s.nodeCount; i++) if (kindOf(i)) n++;
  const ids = new Uint32Array(n);
  const sizes = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < s.nodeCount; i++) {
    const kind = kindOf(i);
    if (!kind) continue;
    ids[k] = s.nodeId[i];
    sizes[k++] = sizeOf(i, kind);
  }
  return new IdValues(ids, sizes);
}
