// The verdict of one hunt: from the baseline and middle summaries and the final heap
// graph, the leaks (one row per bug, headed by the class a developer recognises, with a
// retainer chain), and what was hidden and why.
import type { HeapSnapshot } from '../heap/snapshot.js';
import { NO_NODE } from '../heap/snapshot.js';
import { classIndex } from '../heap/class-names.js';
import { createInternalsFilter } from '../heap/internals.js';
import { computeRetainerPaths, hiddenReasonOf, NO_DISTANCE, type RetainerPaths } from '../heap/paths.js';
import { computeDominators } from '../heap/dominators.js';
import type { SnapshotSummary } from './summary.js';
import { growingClasses, growsInBothHalves, nodeAges } from './growth.js';
import { classOrigins, isSeedType, recognise, Recognition } from './class-kinds.js';
import { anchorShape, buildChain, pathNodes, shortHash } from './chain.js';
import { collectionKinds, collectionSize, type CollectionKind } from './collections.js';
import type { CollectionGrowth, HiddenSummary, Leak, LeakClass, LeakKind, ListenerGrowth } from './result.js';

export interface ListenerCount {
  target: string;
  type: string;
  count: number;
}

export interface VerdictInput {
  baseline: SnapshotSummary;
  middle: SnapshotSummary;
  final: HeapSnapshot;
  /** Iterations between baseline and middle, and between middle and final. */
  firstHalf: number;
  secondHalf: number;
  /** Event listeners by target and type at the three snapshots, when the runner listed them. */
  listeners?: [ListenerCount[], ListenerCount[], ListenerCount[]];
  /** Script ids of Puppeteer's and leakhound's own code in this page. */
  hiddenScriptIds?: Iterable<number>;
  /** Classes the scenario's owner accepts as growing. */
  ignore?: string[];
}

export interface Verdict {
  leaks: Leak[];
  hidden: HiddenSummary;
}

interface Group {
  shape: string;
  roots: number[];
  /** node count and self bytes per class id, for leaked objects in this group */
  classCount: Map<number, number>;
  classBytes: Map<number, number>;
  bytes: number;
  /** Per growing class: objects of this group born in the first and in the second half. */
  born: Map<number, [number, number]>;
  /** Per class: the member born in the first half with the shortest chain. */
  oldestByClass: Map<number, number>;
  /** Per class: how recognisable it is, so the classes a leak drags along list the page's first. */
  classScore: Map<number, Recognition>;
  /** Best headline candidate so far. */
  headNode: number;
  headScore: number;
  headBytes: number;
  hasListenerNative: boolean;
  /**
   * The chain runs through compiled code, feedback or allocation sites: V8 holds these
   * objects for its JIT (literal boilerplates, inline-cache targets), not the page.
   */
  engineHeld: boolean;
  /** Set when this group turned out to be a fragment of another (see mergeFragments). */
  mergedInto?: Group;
  /** Some leaked object is a page function or an instance of a page class. */
  hasPageCode: boolean;
  pageOwned: boolean;
}

const LISTENER_NATIVES = new Set(['V8EventListener', 'blink::RegisteredEventListener', 'EventListener']);

export function computeVerdict(input: VerdictInput): Verdict {
  const s = input.final;
  const n = input.firstHalf + input.secondHalf;
  const { classOf, names } = classIndex(s);
  const className = (node: number) => names[classOf[node]];
  const age = nodeAges(s, input.baseline, input.middle);
  // A backing store reallocated as its container grew is new, but what it holds is the old
  // container's business: it must not become the root of every new object stored in it
  // (a document-wide Blink vector would swallow unrelated re-render garbage).
  const fresh = freshness(s, age);
  const growing = growingClasses(s, classOf, names, age, input.baseline, input.middle, input.firstHalf, input.secondHalf);
  const growingIds = new Uint8Array(names.length);
  for (const g of growing) growingIds[g.classId] = 1;
  // Nothing grew: no chain, dominator tree or filter is needed to say so. Most scenarios of
  // a nightly sweep are clean, and this keeps their analysis to a pass over the ids.
  const collections = grownCollections(s, age, input);
  if (growing.length === 0 && collections.length === 0) return { leaks: [], hidden: { internals: [], browserClasses: [] } };

  const filter = createInternalsFilter(s, { hiddenScriptIds: input.hiddenScriptIds });
  const paths = computeRetainerPaths(s, { filter });
  const dom = computeDominators(s, paths);

  // Objects of growing classes that only internals hold: counted, never reported.
  const hiddenInternal = new Map<string, number>();
  const reasonCode = hiddenReasonOf(s, paths);
  const seeds: number[] = [];
  for (let i = 0; i < s.nodeCount; i++) {
    if (age[i] === 0 || !growingIds[classOf[i]] || !isSeedType(s, i)) continue;
    if (paths.distance[i] === NO_DISTANCE) {
      const code = reasonCode[i];
      if (code === 0) continue; // unreachable garbage the GC has not collected yet
      const reason = filter.reasons[code - 1].reason;
      hiddenInternal.set(reason, (hiddenInternal.get(reason) ?? 0) + 1);
      continue;
    }
    seeds.push(i);
  }

  // Each leaked object belongs to its leak root: the highest object above it in the
  // dominator tree that is itself new. Everything a root dominates goes away with it.
  const topNew = new Uint32Array(s.nodeCount).fill(NO_NODE);
  const leakRootOf = (v: number): number => {
    const stack: number[] = [];
    let cur = v;
    while (topNew[cur] === NO_NODE) {
      stack.push(cur);
      const up = dom.idom[cur];
      if (up === NO_NODE || up === cur || !fresh[up] || up === s.rootIndex) {
        topNew[cur] = cur;
        break;
      }
      cur = up;
    }
    const top = topNew[cur];
    for (const x of stack) topNew[x] = top;
    return top;
  };

  // One bug, one row. A leak root reached through another leaked object (a row object's
  // element, reached through the row) belongs with the first leaked object on its chain:
  // the primary. Primaries hanging off the same old object the same way form one group.
  const primaryOf = new Map<number, number>();
  const primaryFor = (root: number): number => {
    let p = primaryOf.get(root);
    if (p === undefined) {
      const { nodes } = pathNodes(s, paths, root);
      const first = nodes.find((x) => fresh[x] === 1);
      p = first === undefined ? root : leakRootOf(first);
      primaryOf.set(root, p);
    }
    return p;
  };
  const groups = new Map<string, Group>();
  const groupOfPrimary = new Map<number, Group>();
  const groupOf = (v: number): Group | undefined => {
    const g = groupOfPrimary.get(primaryFor(leakRootOf(v)));
    return g?.mergedInto ?? g;
  };
  for (const v of seeds) {
    const primary = primaryFor(leakRootOf(v));
    if (groupOfPrimary.has(primary)) continue;
    const { nodes, edges } = pathNodes(s, paths, primary);
    const shape = anchorShape(s, nodes, edges, className);
    let g = groups.get(shape);
    if (!g) {
      g = {
        shape,
        roots: [],
        classCount: new Map(),
        classBytes: new Map(),
        bytes: 0,
        born: new Map(),
        oldestByClass: new Map(),
        classScore: new Map(),
        headNode: -1,
        headScore: -1,
        headBytes: -1,
        hasListenerNative: false,
        hasPageCode: false,
        pageOwned: chainIsPageOwned(s, edges),
        engineHeld: nodes.some((x) => s.nodeType[x] === s.types.code),
      };
      groups.set(shape, g);
    }
    g.roots.push(primary);
    groupOfPrimary.set(primary, g);
  }

  // Attribute every new reachable object to its group.
  const origins = classOrigins(s);
  for (let i = 0; i < s.nodeCount; i++) {
    if (age[i] === 0 || paths.distance[i] === NO_DISTANCE) continue;
    const g = groupOf(i);
    if (!g) continue;
    const c = classOf[i];
    g.classCount.set(c, (g.classCount.get(c) ?? 0) + 1);
    g.classBytes.set(c, (g.classBytes.get(c) ?? 0) + s.nodeSelfSize[i]);
    g.bytes += s.nodeSelfSize[i];
    if (s.nodeType[i] === s.types.native && LISTENER_NATIVES.has(s.name(i))) g.hasListenerNative = true;
    if (!g.classScore.has(c)) g.classScore.set(c, isSeedType(s, i) ? recognise(s, i, names[c], origins) : Recognition.None);
    if (!growingIds[c] || !isSeedType(s, i)) continue;
    let born = g.born.get(c);
    if (!born) g.born.set(c, (born = [0, 0]));
    born[age[i] - 1]++;
    if (age[i] === 1) {
      const best = g.oldestByClass.get(c);
      if (best === undefined || paths.distance[i] < paths.distance[best]) g.oldestByClass.set(c, i);
    }
    const score = recognise(s, i, names[c], origins);
    if (score === Recognition.Function || score === Recognition.UserClass || score === Recognition.LibraryClass) g.hasPageCode = true;
    const retained = dom.retainedSize[i];
    if (score > g.headScore || (score === g.headScore && retained > g.headBytes)) {
      g.headScore = score;
      g.headNode = i;
      g.headBytes = retained;
    }
  }

  mergeFragments(groups, input, classOf, paths.distance);

  const growthByClass = new Map(growing.map((x) => [x.classId, x]));
  const leaks: Leak[] = [];
  const browserOnly: Leak[] = [];
  for (const g of groups.values()) {
    // The bug itself must grow by one per iteration in each half, not just its classes
    // somewhere in the heap: a class that leaks in one place must not drag in every other
    // place where an instance happens to have been born.
    if (g.headNode < 0 || !growsPerIteration(g, input)) continue;
    const classes: (LeakClass & { score: number })[] = [];
    for (const [c, count] of g.classCount) {
      const growth = growthByClass.get(c);
      if (!growth) continue;
      classes.push({
        className: names[c],
        counts: growth.counts,
        perIteration: round2(count / n),
        bytes: g.classBytes.get(c) ?? 0,
        score: g.classScore.get(c) ?? Recognition.None,
      });
    }
    const headline = className(g.headNode);
    classes.sort(
      (a, b) => Number(b.className === headline) - Number(a.className === headline) || b.score - a.score || b.bytes - a.bytes,
    );
    const chain = buildChain(s, paths, representative(g, classOf), className, age);
    const headCount = g.classCount.get(classOf[g.headNode]) ?? 0;
    const leak: Leak = {
      signature: shortHash(g.shape),
      kind: g.headScore === Recognition.DetachedDom ? 'detached-dom' : 'heap',
      headline,
      bytesPerIteration: Math.round(g.bytes / n),
      objects: [...g.classCount.values()].reduce((a, b) => a + b, 0),
      classes: classes.map(({ score: _score, ...c }) => c),
      chain,
      sharedBy: headCount,
    };
    if (isBrowserOnly(g)) browserOnly.push(leak);
    else leaks.push(leak);
    (leak as LeakWithGroup)[GROUP] = g;
  }

  attachListeners(leaks, input, n);
  const leakOfNode = (v: number): Leak | undefined => {
    const g = groupOf(v);
    return g ? leaks.find((l) => (l as LeakWithGroup)[GROUP] === g) : undefined;
  };
  attachCollections(leaks, collections, s, paths, age, n, className, leakOfNode);
  applyIgnore(leaks, input.ignore ?? []);
  for (const l of leaks) delete (l as LeakWithGroup)[GROUP];
  for (const l of browserOnly) delete (l as LeakWithGroup)[GROUP];

  leaks.sort((a, b) => Number(!!a.ignored) - Number(!!b.ignored) || b.bytesPerIteration - a.bytesPerIteration);
  browserOnly.sort((a, b) => b.bytesPerIteration - a.bytesPerIteration);
  const internals = [...hiddenInternal].map(([reason, objects]) => ({ reason, objects }));
  return { leaks, hidden: { internals, browserClasses: browserOnly } };
}

const GROUP = Symbol('group');
type LeakWithGroup = Leak & { [GROUP]?: Group };

/**
 * The instance whose chain the report shows: one born in the first half, since the newest
 * instance may simply be the page's live state (the current dialog, `theThing`), while an
 * old one can only be alive because of the leak; among those, the shortest chain.
 */
function representative(g: Group, classOf: Uint32Array): number {
  return g.oldestByClass.get(classOf[g.headNode]) ?? g.headNode;
}

/**
 * The same bug seen through different paths: DOM siblings, for one, are reached now through
 * their parent's child list and now through the previous sibling, so their leak roots land
 * in groups of different shapes, none of which grows once per iteration alone. Groups with
 * the same headline class that do not pass on their own are merged when together they do.
 */
function mergeFragments(groups: Map<string, Group>, input: VerdictInput, classOf: Uint32Array, distance: Uint32Array): void {
  const byHeadline = new Map<number, Group[]>();
  for (const g of groups.values()) {
    if (g.headNode < 0 || growsPerIteration(g, input)) continue;
    const c = classOf[g.headNode];
    const list = byHeadline.get(c) ?? [];
    list.push(g);
    byHeadline.set(c, list);
  }
  for (const list of byHeadline.values()) {
    if (list.length < 2) continue;
    const [into, ...rest] = list;
    const merged: Group = { ...into, born: new Map([...into.born].map(([c, b]) => [c, [...b] as [number, number]])) };
    for (const g of rest) absorb(merged, g, distance);
    if (!growsPerIteration(merged, input)) continue;
    Object.assign(into, merged);
    for (const g of rest) {
      groups.delete(g.shape);
      g.mergedInto = into;
    }
  }
}

function absorb(into: Group, g: Group, distance: Uint32Array): void {
  into.roots = [...into.roots, ...g.roots];
  const add = (a: Map<number, number>, b: Map<number, number>) => {
    for (const [k, v] of b) a.set(k, (a.get(k) ?? 0) + v);
  };
  into.classCount = new Map(into.classCount);
  into.classBytes = new Map(into.classBytes);
  add(into.classCount, g.classCount);
  add(into.classBytes, g.classBytes);
  into.bytes += g.bytes;
  for (const [c, [b1, b2]] of g.born) {
    const cur = into.born.get(c) ?? [0, 0];
    into.born.set(c, [cur[0] + b1, cur[1] + b2]);
  }
  into.oldestByClass = new Map(into.oldestByClass);
  for (const [c, node] of g.oldestByClass) {
    const cur = into.oldestByClass.get(c);
    if (cur === undefined || distance[node] < distance[cur]) into.oldestByClass.set(c, node);
  }
  into.classScore = new Map([...g.classScore, ...into.classScore]);
  if (g.headScore > into.headScore || (g.headScore === into.headScore && g.headBytes > into.headBytes)) {
    into.headNode = g.headNode;
    into.headScore = g.headScore;
    into.headBytes = g.headBytes;
  }
  into.hasListenerNative ||= g.hasListenerNative;
  into.hasPageCode ||= g.hasPageCode;
  into.pageOwned ||= g.pageOwned;
  into.engineHeld &&= g.engineHeld;
}

/**
 * One bug leaks the same set of objects every iteration, so some class of the group must
 * have at least one object born per iteration in each half. A group that merely collects a
 * few objects of several classes (the live state of a component, JIT artefacts) does not.
 */
function growsPerIteration(g: Group, input: VerdictInput): boolean {
  for (const [b1, b2] of g.born.values()) if (b1 >= input.firstHalf && b2 >= input.secondHalf) return true;
  return false;
}

/** 1 for new objects that can head a leak: new, and not a container's backing store. */
function freshness(s: HeapSnapshot, age: Uint8Array): Uint8Array {
  const out = new Uint8Array(s.nodeCount);
  const arrayType = s.types.array;
  const native = s.types.native;
  // Per string index: 0 unknown, 1 backing-store name, 2 other.
  const storeName = new Uint8Array(s.strings.length);
  for (let i = 0; i < s.nodeCount; i++) {
    if (age[i] === 0) continue;
    const t = s.nodeType[i];
    if (t === arrayType) continue;
    if (t === native) {
      const si = s.nodeName[i];
      if (storeName[si] === 0) storeName[si] = /Backing\b|^blink::HeapVectorBacking|^blink::HeapHashTableBacking/.test(s.strings[si]) ? 1 : 2;
      if (storeName[si] === 1) continue;
    }
    out[i] = 1;
  }
  return out;
}

/**
 * Growth no page code can free. Engine objects alone (maps, code, feedback cells, Blink
 * bookkeeping) never are the page's leak, whoever holds them. When no page reference is on
 * the chain either (only Blink plumbing leads there), the page still owns what it handed the
 * browser — its callbacks and class instances (listeners, timers, observers), and DOM it
 * keeps in its documents — but not built-in or wrapper objects, nor detached DOM, that only
 * Blink keeps (its undo stack, event timing, focus history).
 */
function isBrowserOnly(g: Group): boolean {
  if (g.headScore === Recognition.None || g.engineHeld) return true;
  if (g.pageOwned || g.hasPageCode) return false;
  return g.headScore !== Recognition.Dom;
}

/**
 * Whether page code holds this chain: some step is a property or closure-variable
 * reference. Chains made only of engine and Blink plumbing (element and internal edges
 * between natives) are bookkeeping no page code can release.
 */
function chainIsPageOwned(s: HeapSnapshot, edges: number[]): boolean {
  const { property, context } = s.edgeTypes;
  for (let i = 0; i < edges.length; i++) {
    const t = s.edgeType[edges[i]];
    if (t === property || t === context) {
      const name = s.edgeName(edges[i]);
      if (name !== '__proto__' && name !== 'constructor') return true;
    }
  }
  return false;
}

function attachListeners(leaks: Leak[], input: VerdictInput, n: number): void {
  if (!input.listeners) return;
  const [l0, l1, l2] = input.listeners;
  const key = (x: ListenerCount) => `${x.target}\u0000${x.type}`;
  const at = (list: ListenerCount[]) => new Map(list.map((x) => [key(x), x.count]));
  const m0 = at(l0);
  const m1 = at(l1);
  const grown: ListenerGrowth[] = [];
  for (const x of l2) {
    const counts: [number, number, number] = [m0.get(key(x)) ?? 0, m1.get(key(x)) ?? 0, x.count];
    if (!growsInBothHalves(counts, input.firstHalf, input.secondHalf)) continue;
    grown.push({ target: x.target, type: x.type, counts, perIteration: round2((counts[2] - counts[0]) / n) });
  }
  if (grown.length === 0) return;
  // A listener leak already shows in the heap as the listener's closure and what it holds;
  // fold the listener rows into that leak so one bug stays one row.
  const host = leaks.find((l) => (l as LeakWithGroup)[GROUP]?.hasListenerNative);
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
    });
  }
}

function attachCollections(
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
    // Explained by a leak when that leak's chain runs through it, or when the new entries
    // it holds are that leak's objects (a second handler list holding the same views).
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
    });
  }
}

interface GrownCollection {
  node: number;
  kind: CollectionKind;
  sizes: [number, number, number];
}

/** Collections present in all three snapshots whose entry count grew in both halves. */
function grownCollections(s: HeapSnapshot, age: Uint8Array, input: VerdictInput): GrownCollection[] {
  const n = input.firstHalf + input.secondHalf;
  const kindOf = collectionKinds(s);
  const out: GrownCollection[] = [];
  for (let i = 0; i < s.nodeCount; i++) {
    if (age[i] !== 0) continue;
    const kind = kindOf(i);
    if (!kind) continue;
    // Cheapest test first: most collections did not grow at all since the baseline.
    const id = s.nodeId[i];
    const s2 = collectionSize(s, i, kind);
    const s0 = input.baseline.collectionSizes.get(id);
    if (s0 === undefined || s2 - s0 < n) continue;
    const s1 = input.middle.collectionSizes.get(id);
    if (s1 === undefined) continue;
    const sizes: [number, number, number] = [s0, s1, s2];
    if (growsInBothHalves(sizes, input.firstHalf, input.secondHalf)) out.push({ node: i, kind, sizes });
  }
  return out;
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
    const name = s.strings[s.edgeNameOrIndex[e]];
    if (name === 'table' || name === 'elements' || name === 'properties') {
      const found = visit(s.edgeTo[e]);
      if (found) return found;
    }
  }
  return undefined;
}

function applyIgnore(leaks: Leak[], ignore: string[]): void {
  if (ignore.length === 0) return;
  const set = new Set(ignore);
  for (const l of leaks) {
    if (set.has(l.headline) || set.has(l.signature)) l.ignored = true;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
