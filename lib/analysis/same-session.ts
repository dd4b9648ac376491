// Whether two heap snapshots come from one HeapProfiler session, in the order they were taken.
// The verdict compares objects across snapshots by node id, and an id means the same object
// only within one session: V8's HeapObjectsMap hands out ids in increasing order and never
// reuses one while the profiler stays enabled, but forgets them all when it is disabled
// (DevTools closed, another tab, a new renderer process), and the next session counts again
// from the same first id. So ids of two sessions overlap numerically — the synthetic roots
// even keep their fixed ids — while naming unrelated objects.
//
// The rule, from those two facts:
//  - Identity: sample objects of the earlier snapshot (evenly over the node order, synthetic
//    roots skipped since their ids are fixed in every session). Within a session every sampled
//    id still present later names an object of the same type and name — an object's type and
//    name never change (strings are immutable, a function keeps its name, an object its
//    constructor). Across sessions the same number lands on another object, unless both
//    sessions numbered identical heaps in identical order, which even a scripted replay of
//    one page does not quite achieve (see MAX_DIFFERING). DOM names may gain attributes or a
//    "Detached" prefix and a heap number's value may change, so those compare by type only;
//    string kinds compare as one (a cons string is flattened in place).
//  - Survival: within one session of a page, most objects outlive a few iterations
//    (compiled code, the page's modules, the DOM). When almost no sampled id survives, the
//    files are not two moments of one heap.
//  - Order: a later snapshot's newest id is never below an earlier one's, since taking a
//    snapshot itself allocates and ids only grow.
import type { HeapSnapshot } from '../heap/snapshot.js';

/** A few thousand (id, identity) pairs of one snapshot, kept after the graph is dropped. */
export interface IdentitySample {
  ids: Uint32Array;
  /** Per sampled id: its type name (string kinds merged) and, for non-DOM objects, its name. */
  identity: string[];
  maxId: number;
  nodeCount: number;
}

export type SessionMismatch =
  | { kind: 'different-sessions'; compared: number; differing: number }
  | { kind: 'unrelated'; sampled: number; surviving: number }
  | { kind: 'out-of-order'; earlierMaxId: number; laterMaxId: number };

const SAMPLE_SIZE = 4000;
/**
 * Within a session no sampled id changes identity (0 of ~4000 on real Chromium snapshots).
 * Across sessions of the very same page, replayed the same way in fresh renderers, ids are
 * handed out in nearly the same heap order, yet ~5% still land on other objects (Blink's
 * lazily created names come in another order); a session reopened in a live page, after
 * GCs moved its heap, differs far more. 1% separates the two with margin on both sides.
 */
const MAX_DIFFERING = 0.01;
/** Fewer identical survivors than this fraction of the sample: not one heap at two moments. */
const MIN_SURVIVING = 0.05;
/** Too few comparable ids to judge identity (tiny hand-made snapshots): trust the user. */
const MIN_COMPARED = 50;

export function identitySample(s: HeapSnapshot): IdentitySample {
  const synthetic = s.types.synthetic;
  const step = Math.max(1, Math.floor(s.nodeCount / SAMPLE_SIZE));
  const ids: number[] = [];
  const identity: string[] = [];
  let maxId = 0;
  for (let i = 0; i < s.nodeCount; i++) if (s.nodeId[i] > maxId) maxId = s.nodeId[i];
  for (let i = 0; i < s.nodeCount; i += step) {
    if (s.nodeType[i] === synthetic) continue;
    ids.push(s.nodeId[i]);
    identity.push(identityOf(s, i));
  }
  return { ids: Uint32Array.from(ids), identity, maxId, nodeCount: s.nodeCount };
}

function identityOf(s: HeapSnapshot, i: number): string {
  const type = s.typeName(i);
  // A heap number's name is its value when numeric values are captured, and a mutable
  // one (a double field's box) changes value in place.
  if (type === 'native' || type === 'number') return type;
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') return `string\u0000${s.name(i)}`;
  return `${type}\u0000${s.name(i)}`;
}

/** Why `later` cannot follow `earlier` in one session, or null when it can. */
export function checkSameSession(earlier: IdentitySample, later: HeapSnapshot): SessionMismatch | null {
  // One pass over the later ids against the sample, rather than `nodeIndexById`, whose
  // whole-snapshot id map would cost far more than the few thousand lookups it serves.
  const sampleIndex = new Map<number, number>();
  for (let k = 0; k < earlier.ids.length; k++) sampleIndex.set(earlier.ids[k], k);
  let compared = 0;
  let differing = 0;
  let laterMax = 0;
  const ids = later.nodeId;
  for (let i = 0; i < later.nodeCount; i++) {
    const id = ids[i];
    if (id > laterMax) laterMax = id;
    if (id > earlier.maxId) continue;
    const k = sampleIndex.get(id);
    if (k === undefined) continue;
    compared++;
    if (identityOf(later, i) !== earlier.identity[k]) differing++;
  }
  if (compared >= MIN_COMPARED && differing > compared * MAX_DIFFERING) {
    return { kind: 'different-sessions', compared, differing };
  }
  const sampled = earlier.ids.length;
  if (sampled >= MIN_COMPARED && compared - differing < sampled * MIN_SURVIVING) {
    return { kind: 'unrelated', sampled, surviving: compared - differing };
  }
  if (laterMax < earlier.maxId) return { kind: 'out-of-order', earlierMaxId: earlier.maxId, laterMaxId: laterMax };
  return null;
}
