// What the verdict needs from the baseline and middle snapshots: which ids existed, how
// many objects each class had, and how big each collection was. Reducing a snapshot to
// this lets the runner drop it before the next one is taken, so a hunt holds one full
// heap graph at a time however large the page.
import type { HeapSnapshot } from '../heap/snapshot.js';
import { classIndex } from '../heap/class-names.js';
import { collectionSizesById } from './collections.js';

export interface SnapshotSummary {
  /** All node ids, sorted ascending, for binary search. */
  ids: Uint32Array;
  classCounts: Map<string, number>;
  collectionSizes: Map<number, number>;
  nodeCount: number;
  totalSize: number;
}

export function summarizeSnapshot(s: HeapSnapshot): SnapshotSummary {
  const ids = s.nodeId.slice().sort();
  const { classOf, names } = classIndex(s);
  const counts = new Uint32Array(names.length);
  let totalSize = 0;
  for (let i = 0; i < s.nodeCount; i++) {
    counts[classOf[i]]++;
    totalSize += s.nodeSelfSize[i];
  }
  const classCounts = new Map<string, number>();
  for (let c = 0; c < names.length; c++) classCounts.set(names[c], counts[c]);
  return { ids, classCounts, collectionSizes: collectionSizesById(s), nodeCount: s.nodeCount, totalSize };
}

/** Binary search in a sorted id array. */
export function hasId(sortedIds: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sortedIds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sortedIds[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
