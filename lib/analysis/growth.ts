// Which classes grew in both halves of the hunt, with objects that survived. Ages come
// from node ids, which V8 keeps stable for the life of one HeapProfiler session: an id
// absent from the baseline is an object created during the iterations.
import type { HeapSnapshot } from '../heap/snapshot.js';
import type { SnapshotSummary } from './summary.js';

/** Per final-snapshot node: 0 = existed at baseline, 1 = born in the first half, 2 = in the second. */
export function nodeAges(final: HeapSnapshot, baseline: SnapshotSummary, middle: SnapshotSummary): Uint8Array {
  const age = new Uint8Array(final.nodeCount);
  const ids = final.nodeId;
  const b = baseline.ids;
  const m = middle.ids;
  for (let i = 0; i < final.nodeCount; i++) {
    const id = ids[i];
    if (b.has(id)) continue;
    age[i] = m.has(id) ? 1 : 2;
  }
  return age;
}

export interface ClassGrowth {
  classId: number;
  className: string;
  counts: [number, number, number];
  /** Survivors in the final snapshot born in each half. */
  bornFirstHalf: number;
  bornSecondHalf: number;
}

/**
 * The leak rule for classes: the count grows by at least one per iteration in each half,
 * and at least that many objects born in each half are still alive at the end. The net
 * rule rejects churn and replacement (a re-render); the survivor rule rejects counts that
 * rise only because old objects were re-reported.
 */
export function growingClasses(
  final: HeapSnapshot,
  classOf: Uint32Array,
  names: string[],
  age: Uint8Array,
  baseline: SnapshotSummary,
  middle: SnapshotSummary,
  firstHalf: number,
  secondHalf: number,
): ClassGrowth[] {
  const k = names.length;
  const count = new Uint32Array(k);
  const born1 = new Uint32Array(k);
  const born2 = new Uint32Array(k);
  for (let i = 0; i < final.nodeCount; i++) {
    const c = classOf[i];
    count[c]++;
    if (age[i] === 1) born1[c]++;
    else if (age[i] === 2) born2[c]++;
  }
  const out: ClassGrowth[] = [];
  for (let c = 0; c < k; c++) {
    if (born1[c] < firstHalf || born2[c] < secondHalf) continue;
    const name = names[c];
    const c0 = baseline.classCounts.get(name) ?? 0;
    const c1 = middle.classCounts.get(name) ?? 0;
    const c2 = count[c];
    if (c1 - c0 < firstHalf || c2 - c1 < secondHalf) continue;
    out.push({ classId: c, className: name, counts: [c0, c1, c2], bornFirstHalf: born1[c], bornSecondHalf: born2[c] });
  }
  return out;
}

/** The same rule for any counted quantity (listeners, collection sizes). */
export function growsInBothHalves(counts: [number, number, number], firstHalf: number, secondHalf: number): boolean {
  return counts[1] - counts[0] >= firstHalf && counts[2] - counts[1] >= secondHalf;
}
