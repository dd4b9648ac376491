// What the verdict needs from the baseline and middle snapshots: which ids existed, how
// many objects each class had, and how big each collection was. Reducing a snapshot to
// this lets the runner drop it before the next one is taken, so a hunt holds one full
// heap graph at a time however large the page.
import type { HeapSnapshot } from '../heap/snapshot.js';
import { classIndex } from '../heap/class-names.js';
import { collectionSizesById } from './collections.js';
import { IdSet, type IdValues } from './id-index.js';

export interface SnapshotSummary {
  /** Every node id of the snapshot. */
  ids: IdSet;
  classCounts: Map<string, number>;
  /** Entry counts of every Array, Map, Set and plain object, by node id. */
  collectionSizes: IdValues;
  nodeCount: number;
  totalSize: number;
}

export function summarizeSnapshot(s: HeapSnapshot): SnapshotSummary {
  const ids = new IdSet(s.nodeId);
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
