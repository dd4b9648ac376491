// The verdict's last stages: listener and collection growth, folded into the heap row they
// explain or reported on their own, and the scenario's ignore list. One bug, one row.
import type { HeapSnapshot } from '../heap/snapshot.js';
import { NO_DISTANCE, type RetainerPaths } from '../heap/paths.js';
import { growsInBothHalves } from './growth.js';
import { buildChain, shortHash } from './chain.js';
import { collectionKinds, collectionSizer, type CollectionKind } from './collections.js';
import type { SnapshotSummary } from './summary.js';
import type { Halves } from './verdict-groups.js';
import { round2 } from './verdict-rows.js';
import type { CollectionGrowth, Leak, ListenerGrowth } from './result.js';

export interface ListenerCount {
  target: string;
  type: string;
  count: number;
}

/** Rule `leak.listeners-grow`: listener counts per target and type that grew in both halves. */
export function grownListeners(listeners: [ListenerCount[], ListenerCount[], ListenerCount[]] | undefined, halves: Halves): ListenerGrowth[] {
  if (!listeners) return [];
  const n = halves.firstHalf + halves.secondHalf;
  const [l0, l1, l2] = listeners;
  const key = (x: ListenerCount) => `${x.target}\u0000${x.type}`;
  const at = (list: ListenerCount[]) => new Map(list.map((x) => [key(x), x.count]));
  const m0 = at(l0);
  const m1 = at(l1);
  const grown: ListenerGrowth[] = [];
  for (const x of l2) {
    const counts: [number, number, number] = [m0.get(key(x)) ?? 0, m1.get(key(x)) ?? 0, x.count];
    if (!growsInBothHalves(counts, halves.firstHalf, halves.secondHalf)) continue;
    grown.push({ target: x.target, type: x.type, counts, perIteration: round2((counts[2] - counts[0]) / n) });
  }
  return grown;
}

/**
 * Stage "listener folding" (rule `fold.listeners-into-leak`): a listener leak already shows
 * in the heap as the listener's closure and what it holds; the listener rows join that
 * leak. Growth no heap row explains is a row of its own (rule `rank.listener-row`).
 */
export function foldListeners(leaks: Leak[], grown: ListenerGrowth[], hasListener: (l: Leak) => boolean): void {
  if (grown.length === 0) return;
  const host = leaks.find(hasListener);
  if (host) {
    host.listeners = grown;
    return;
  }
  for (const gl of grown) {
    leaks.push({
      signature: shortHash(`listener:${gl.target}:${gl.type}`),
      kind: 'listeners',
      headline: `'${gl.type}' listener on ${gl.target}`,
      bytesPerIteration: 0,
      objects: gl.counts[2] - gl.counts[0],
      classes: [],
      chain: [],
      sharedBy: gl.counts[2] - gl.counts[0],
      listeners: [gl],
      headlineRule: 'rank.listener-row',
    });
  }
}

export interface GrownCollection {
  node: number;
  kind: CollectionKind;
  sizes: [number, number, number];
}

/**
 * Rule `leak.collection-grows`: collections present in all three snapshots whose entry
 * count (tombstones not counted, rule `leak.collection-tombstone`) grew in both halves.
 */
export function grownCollections(s: HeapSnapshot, age: Uint8Array, baseline: SnapshotSummary, middle: SnapshotSummary, halves: Halves): GrownCollection[] {
  const n = halves.firstHalf + halves.secondHalf;
  const kindOf = collectionKinds(s);
  const sizeOf = collectionSizer(s);
  const out: GrownCollection[] = [];
  for (let i = 0; i < s.nodeCount; i++) {
    if (age[i] !== 0) continue;
    const kind = kindOf(i);
    if (!kind) continue;
    // Cheapest test first: most collections did not grow at all since the baseline.
    const id = s.nodeId[i];
    const s2 = sizeOf(i, kind);
    const s0 = baseline.collectionSizes.get(id);
    if (s0 === undefined || s2 - s0 < n) continue;
    const s1 = middle.collectionSizes.get(id);
    if (s1 === undefined) continue;
    const sizes: [number, number, number] = [s0, s1, s2];
    if (growsInBothHalves(sizes, halves.firstHalf, halves.secondHalf)) out.push({ node: i, kind, sizes });
  }
  return out;
}

/**
 * Stage "collection folding" (rule `fold.collection-into-leak`): a collection is explained
 * by a leak when that leak's chain runs through it, or when the new entries it holds are
 * that leak's objects (a second handler list holding the same views). Otherwise it is a
 * row of its own (rule `rank.collection-row`) whose suspect is the reference holding it.
 */
export function foldCollections(
  leaks: Leak[],
  collections: GrownCollection[],
  s: HeapSnapshot,
  paths: RetainerPaths,
  age: Uint8Array,
  n: number,
  className: (n: number) => string,
  leakOfNode: (node: number) => Leak | undefined,
): void {
  const onChain = new Map<number, Leak>();
  for (const l of leaks) for (const step of l.chain) if (!onChain.has(step.nodeId)) onChain.set(step.nodeId, l);
  for (const { node: i, kind, sizes } of collections) {
    if (paths.distance[i] === NO_DISTANCE) continue;
    const id = s.nodeId[i];
    const growth: CollectionGrowth = { className: kind, nodeId: id, sizes, perIteration: round2((sizes[2] - sizes[0]) / n) };
    const host = onChain.get(id) ?? leakOfEntries(s, i, age, leakOfNode);
    if (host) {
      host.collection ??= growth;
      continue;
    }
    const chain = buildChain(s, paths, i, className, age);
    // The collection itself is old; mark the reference that holds it as the suspect.
    for (const step of chain) step.suspect = false;
    const holder = chain.length >= 2 ? chain.length - 2 : -1;
    if (holder >= 0) chain[holder].suspect = true;
    leaks.push({
      signature: shortHash(`collection:${chain.map((c) => `${c.className}-${c.edge?.name ?? ''}`).join('>')}`),
      kind: 'collection',
      headline: kind,
      bytesPerIteration: 0,
      objects: sizes[2] - sizes[0],
      classes: [],
      chain,
      sharedBy: 1,
      collection: growth,
      headlineRule: 'rank.collection-row',
    });
  }
}

/** The leak that owns a new entry of this collection, looking through its backing store. */
function leakOfEntries(s: HeapSnapshot, node: number, age: Uint8Array, leakOfNode: (v: number) => Leak | undefined): Leak | undefined {
  const { internal, weak } = s.edgeTypes;
  const visit = (v: number): Leak | undefined => {
    for (let e = s.firstEdge[v], end = s.firstEdge[v + 1]; e < end; e++) {
      if (s.edgeType[e] === weak) continue;
      const w = s.edgeTo[e];
      if (age[w] > 0) {
        const l = leakOfNode(w);
        if (l) return l;
      }
    }
    return undefined;
  };
  const direct = visit(node);
  if (direct) return direct;
  for (let e = s.firstEdge[node], end = s.firstEdge[node + 1]; e < end; e++) {
    if (s.edgeType[e] !== internal) continue;
    const name = s.string(s.edgeNameOrIndex[e]);
    if (name === 'table' || name === 'elements' || name === 'properties') {
      const found = visit(s.edgeTo[e]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Rule `leak.ignored`: rows the scenario's owner accepts are marked, never dropped. */
export function applyIgnore(leaks: Leak[], ignore: readonly string[]): void {
  if (ignore.length === 0) return;
  const set = new Set(ignore);
  for (const l of leaks) {
    if (set.has(l.headline) || set.has(l.signature)) l.ignored = true;
  }
}
