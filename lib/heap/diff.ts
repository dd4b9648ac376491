// Snapshot comparison by node id, as DevTools' Comparison view does it: an object is "added"
// when its id is new in `after`, "deleted" when its id is gone. Ids are stable only between
// snapshots of one HeapProfiler session; across sessions every object looks replaced.
// Zero-size nodes are left out, as in classStatistics.

import { classIndex, type ClassIndex } from './class-names.js';
import type { HeapSnapshot } from './snapshot.js';

export interface ClassDiff {
  className: string;
  added: number;
  deleted: number;
  /** added - deleted. */
  delta: number;
  /** Self bytes added minus self bytes deleted. */
  sizeDelta: number;
  /** Node ids (in `after`) of the added objects, ascending. */
  addedIds: number[];
  countBefore: number;
  countAfter: number;
}

export interface DiffOptions {
  beforeClasses?: ClassIndex;
  afterClasses?: ClassIndex;
  includeZeroSize?: boolean;
}

/** Classes whose membership changed, largest growth first. */
export function diffSnapshots(before: HeapSnapshot, after: HeapSnapshot, opts: DiffOptions = {}): ClassDiff[] {
  const bc = opts.beforeClasses ?? classIndex(before);
  const ac = opts.afterClasses ?? classIndex(after);
  const includeZero = opts.includeZeroSize === true;
  const rows = new Map<string, ClassDiff>();
  const row = (name: string): ClassDiff => {
    let r = rows.get(name);
    if (!r) {
      r = { className: name, added: 0, deleted: 0, delta: 0, sizeDelta: 0, addedIds: [], countBefore: 0, countAfter: 0 };
      rows.set(name, r);
    }
    return r;
  };
  const beforeIds = sortedIds(before);
  const afterIds = sortedIds(after);

  // Per-class tallies in typed arrays first; rows are created only for classes that occur.
  const afterCount = new Float64Array(ac.names.length);
  const addedCount = new Float64Array(ac.names.length);
  const addedSize = new Float64Array(ac.names.length);
  const addedIds: number[][] = ac.names.map(() => []);
  for (let i = 0; i < after.nodeCount; i++) {
    const size = after.nodeSelfSize[i];
    if (size === 0 && !includeZero) continue;
    const c = ac.classOf[i];
    afterCount[c]++;
    if (!contains(beforeIds, after.nodeId[i])) {
      addedCount[c]++;
      addedSize[c] += size;
      addedIds[c].push(after.nodeId[i]);
    }
  }
  const beforeCount = new Float64Array(bc.names.length);
  const deletedCount = new Float64Array(bc.names.length);
  const deletedSize = new Float64Array(bc.names.length);
  for (let i = 0; i < before.nodeCount; i++) {
    const size = before.nodeSelfSize[i];
    if (size === 0 && !includeZero) continue;
    const c = bc.classOf[i];
    beforeCount[c]++;
    if (!contains(afterIds, before.nodeId[i])) {
      deletedCount[c]++;
      deletedSize[c] += size;
    }
  }
  for (let c = 0; c < ac.names.length; c++) {
    if (afterCount[c] === 0) continue;
    const r = row(ac.names[c]);
    r.countAfter = afterCount[c];
    r.added = addedCount[c];
    r.sizeDelta += addedSize[c];
    r.addedIds = addedIds[c].sort((a, b) => a - b);
  }
  for (let c = 0; c < bc.names.length; c++) {
    if (beforeCount[c] === 0) continue;
    const r = row(bc.names[c]);
    r.countBefore = beforeCount[c];
    r.deleted = deletedCount[c];
    r.sizeDelta -= deletedSize[c];
  }
  const out: ClassDiff[] = [];
  for (const r of rows.values()) {
    if (r.added === 0 && r.deleted === 0) continue;
    r.delta = r.added - r.deleted;
    out.push(r);
  }
  out.sort(
    (a, b) =>
      b.delta - a.delta || b.sizeDelta - a.sizeDelta || (a.className < b.className ? -1 : a.className > b.className ? 1 : 0),
  );
  return out;
}

function sortedIds(s: HeapSnapshot): Uint32Array {
  return s.nodeId.slice().sort();
}

function contains(sorted: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
