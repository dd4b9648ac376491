// The verdict's middle stages: from the growing classes to groups of leaked objects, one
// group per bug. Seeds (new objects of growing classes that page code can reach) climb the
// dominator tree to their leak root, roots reached through another leaked object join
// that object's primary, and primaries held the same way by the same old object form one
// group. Every new reachable object is then attributed to its group, and fragments of one
// bug seen through different paths are merged. Per-node state lives in typed arrays.
import type { HeapSnapshot } from '../heap/snapshot.js';
import { NO_NODE } from '../heap/snapshot.js';
import type { InternalsFilter } from '../heap/internals.js';
import { hiddenReasonOf, NO_DISTANCE, type RetainerPaths } from '../heap/paths.js';
import type { Dominators } from '../heap/dominators.js';
import { isSeedType, recognise, Recognition, type ClassOrigins } from './class-kinds.js';
import { anchorShape, holderSteps, normaliseClass, pathNodes, shortHash } from './chain.js';
import { internalsRuleId, type VerdictRuleId } from './rules.js';

/** Half sizes of the hunt: iterations before and after the middle snapshot. */
export interface Halves {
  firstHalf: number;
  secondHalf: number;
}

export interface Group {
  /** Chain shape to the primary (anchorShape); the key groups are formed by. */
  shape: string;
  /** Steps of the chain to the old object holding the primaries (holderSteps). */
  holder: string[];
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
  /** Some leaked object is a page function or an instance of a page class. */
  hasPageCode: boolean;
  pageOwned: boolean;
  /** Set on the group that absorbed others (rule `leak.fragments-merged`). */
  fragments?: Group[];
  /** Set on each fragment: the group it was merged into. */
  mergedInto?: Group;
}

const LISTENER_NATIVES = new Set(['V8EventListener', 'blink::RegisteredEventListener', 'EventListener']);

/** Growing objects only internals hold, per `hide.internals.*` rule. */
export type HiddenInternals = Map<VerdictRuleId, { reason: string; objects: number }>;

/**
 * Stage "seeds": new objects of growing classes that can head a leak and that a chain
 * reaches. Those only internals reach are counted under the internals rule that cut them;
 * those nothing reaches are garbage (rule `hide.unreachable`).
 */
export function findSeeds(
  s: HeapSnapshot,
  age: Uint8Array,
  classOf: Uint32Array,
  growingIds: Uint8Array,
  paths: RetainerPaths,
  filter: InternalsFilter,
): { seeds: Uint32Array; hiddenInternals: HiddenInternals } {
  const hiddenInternals: HiddenInternals = new Map();
  const reasonCode = hiddenReasonOf(s, paths);
  const out = new Uint32Array(s.nodeCount);
  let n = 0;
  for (let i = 0; i < s.nodeCount; i++) {
    if (age[i] === 0 || !growingIds[classOf[i]] || !isSeedType(s, i)) continue;
    if (paths.distance[i] === NO_DISTANCE) {
      const code = reasonCode[i];
      if (code === 0) continue;
      const r = filter.reasons[code - 1];
      const id = internalsRuleId(r.id);
      const row = hiddenInternals.get(id) ?? { reason: r.reason, objects: 0 };
      row.objects++;
      hiddenInternals.set(id, row);
      continue;
    }
    out[n++] = i;
  }
  return { seeds: out.slice(0, n), hiddenInternals };
}

/**
 * Stage "leak roots & primaries". A leaked object's leak root is the highest object above
 * it in the dominator tree that is itself fresh: everything a root dominates goes away
 * with it. A root reached through another leaked object (a row's element, reached through
 * the row) belongs with the first fresh object on its chain: its primary.
 */
export class LeakRoots {
  readonly #topNew: Uint32Array;
  readonly #primary: Uint32Array;
  readonly #s: HeapSnapshot;
  readonly #paths: RetainerPaths;
  readonly #dom: Dominators;
  readonly #fresh: Uint8Array;

  constructor(s: HeapSnapshot, paths: RetainerPaths, dom: Dominators, fresh: Uint8Array) {
    this.#s = s;
    this.#paths = paths;
    this.#dom = dom;
    this.#fresh = fresh;
    this.#topNew = new Uint32Array(s.nodeCount).fill(NO_NODE);
    this.#primary = new Uint32Array(s.nodeCount).fill(NO_NODE);
  }

  rootOf(v: number): number {
    const topNew = this.#topNew;
    const idom = this.#dom.idom;
    const stack: number[] = [];
    let cur = v;
    while (topNew[cur] === NO_NODE) {
      stack.push(cur);
      const up = idom[cur];
      if (up === NO_NODE || up === cur || !this.#fresh[up] || up === this.#s.rootIndex) {
        topNew[cur] = cur;
        break;
      }
      cur = up;
    }
    const top = topNew[cur];
    for (const x of stack) topNew[x] = top;
    return top;
  }

  primaryOf(root: number): number {
    let p = this.#primary[root];
    if (p === NO_NODE) {
      const { nodes } = pathNodes(this.#s, this.#paths, root);
      const first = nodes.find((x) => this.#fresh[x] === 1);
      p = first === undefined ? root : this.rootOf(first);
      this.#primary[root] = p;
    }
    return p;
  }

  /** The primary a leaked object belongs to. */
  of(v: number): number {
    return this.primaryOf(this.rootOf(v));
  }
}

/**
 * Stage "groups": primaries hanging off the same old object the same way (same anchor
 * shape) form one group. Returns the groups in seed order and, per primary node, the index
 * of its group (-1 for nodes that are no primary).
 */
export function formGroups(
  s: HeapSnapshot,
  paths: RetainerPaths,
  roots: LeakRoots,
  seeds: Uint32Array,
  className: (n: number) => string,
): { groups: Group[]; groupOfPrimary: Int32Array } {
  const groups: Group[] = [];
  const byShape = new Map<string, number>();
  const groupOfPrimary = new Int32Array(s.nodeCount).fill(-1);
  for (let k = 0; k < seeds.length; k++) {
    const primary = roots.of(seeds[k]);
    if (groupOfPrimary[primary] >= 0) continue;
    const { nodes, edges } = pathNodes(s, paths, primary);
    const shape = anchorShape(s, nodes, edges, className);
    let gi = byShape.get(shape);
    if (gi === undefined) {
      gi = groups.length;
      byShape.set(shape, gi);
      groups.push(
        emptyGroup(shape, holderSteps(s, nodes, edges, className), chainIsPageOwned(s, edges), nodes.some((x) => s.nodeType[x] === s.types.code)),
      );
    }
    groups[gi].roots.push(primary);
    groupOfPrimary[primary] = gi;
  }
  return { groups, groupOfPrimary };
}

/**
 * Stage "attribution": every new reachable object joins its primary's group, which counts
 * it per class, notes the half it was born in, and keeps the best headline candidate —
 * the most recognisable instance of a growing class, then the one that retains most.
 */
export function attribute(
  s: HeapSnapshot,
  age: Uint8Array,
  paths: RetainerPaths,
  dom: Dominators,
  classOf: Uint32Array,
  names: string[],
  growingIds: Uint8Array,
  roots: LeakRoots,
  groups: Group[],
  groupOfPrimary: Int32Array,
  origins: ClassOrigins,
): void {
  const distance = paths.distance;
  const nodeType = s.nodeType;
  const native = s.types.native;
  // Per string index: 0 unknown yet, 1 a listener native's name, 2 anything else.
  const listenerName = new Uint8Array(s.stringCount);
  for (let i = 0; i < s.nodeCount; i++) {
    if (age[i] === 0 || distance[i] === NO_DISTANCE) continue;
    const gi = groupOfPrimary[roots.of(i)];
    if (gi < 0) continue;
    const g = groups[gi];
    const c = classOf[i];
    const self = s.nodeSelfSize[i];
    g.classCount.set(c, (g.classCount.get(c) ?? 0) + 1);
    g.classBytes.set(c, (g.classBytes.get(c) ?? 0) + self);
    g.bytes += self;
    if (nodeType[i] === native) {
      const si = s.nodeName[i];
      if (listenerName[si] === 0) listenerName[si] = LISTENER_NATIVES.has(s.string(si) ?? '') ? 1 : 2;
      if (listenerName[si] === 1) g.hasListenerNative = true;
    }
    const seedType = isSeedType(s, i);
    if (!g.classScore.has(c)) g.classScore.set(c, seedType ? recognise(s, i, names[c], origins) : Recognition.None);
    if (!growingIds[c] || !seedType) continue;
    let born = g.born.get(c);
    if (!born) g.born.set(c, (born = [0, 0]));
    born[age[i] - 1]++;
    if (age[i] === 1) {
      const best = g.oldestByClass.get(c);
      if (best === undefined || distance[i] < distance[best]) g.oldestByClass.set(c, i);
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
}

/**
 * Rule `leak.group-grows-per-iteration`: one bug leaks the same set of objects every
 * iteration, so some class of the group must have at least one object born per iteration
 * in each half. A group that merely collects a few objects of several classes (the live
 * state of a component, JIT artefacts) does not.
 */
export function growsPerIteration(g: Group, halves: Halves): boolean {
  for (const [b1, b2] of g.born.values()) if (b1 >= halves.firstHalf && b2 >= halves.secondHalf) return true;
  return false;
}

/**
 * Stage "fragment merge" (rule `leak.fragments-merged`). The same bug seen through
 * different paths: DOM siblings, for one, are reached now through their parent's child list
 * and now through the previous sibling, so their leak roots land in groups of different
 * shapes, none of which grows once per iteration alone. Groups with the same headline
 * class that do not pass on their own are merged when together they do. Returns the groups
 * left, the merged ones carrying their fragments.
 */
export function mergeFragments(groups: Group[], halves: Halves, classOf: Uint32Array, distance: Uint32Array): Group[] {
  const byHeadline = new Map<number, Group[]>();
  for (const g of groups) {
    if (g.headNode < 0 || growsPerIteration(g, halves)) continue;
    const c = classOf[g.headNode];
    const list = byHeadline.get(c) ?? [];
    list.push(g);
    byHeadline.set(c, list);
  }
  const gone = new Set<Group>();
  const merged = new Map<Group, Group>();
  for (const list of byHeadline.values()) {
    if (list.length < 2) continue;
    const into = emptyGroup(list[0].shape, list[0].holder, false, true);
    for (const g of list) absorb(into, g, distance);
    if (!growsPerIteration(into, halves)) continue;
    into.fragments = list;
    for (const g of list) {
      gone.add(g);
      g.mergedInto = into;
    }
    merged.set(list[0], into);
  }
  const out: Group[] = [];
  for (const g of groups) {
    const m = merged.get(g);
    if (m) out.push(m);
    else if (!gone.has(g)) out.push(g);
  }
  return out;
}

/**
 * A group with nothing attributed yet. A merge starts from one that claims no page hold and
 * full engine hold: absorbing the fragments ORs the first and ANDs the second.
 */
function emptyGroup(shape: string, holder: Group['holder'], pageOwned: boolean, engineHeld: boolean): Group {
  return {
    shape,
    holder,
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
    pageOwned,
    engineHeld,
  };
}

function absorb(into: Group, g: Group, distance: Uint32Array): void {
  into.roots.push(...g.roots);
  const add = (a: Map<number, number>, b: Map<number, number>) => {
    for (const [k, v] of b) a.set(k, (a.get(k) ?? 0) + v);
  };
  add(into.classCount, g.classCount);
  add(into.classBytes, g.classBytes);
  into.bytes += g.bytes;
  for (const [c, [b1, b2]] of g.born) {
    const cur = into.born.get(c) ?? [0, 0];
    into.born.set(c, [cur[0] + b1, cur[1] + b2]);
  }
  for (const [c, node] of g.oldestByClass) {
    const cur = into.oldestByClass.get(c);
    // Ties go to the lower node index, so the chain shown does not depend on merge order.
    if (cur === undefined || distance[node] < distance[cur] || (distance[node] === distance[cur] && node < cur)) {
      into.oldestByClass.set(c, node);
    }
  }
  for (const [c, score] of g.classScore) if (!into.classScore.has(c)) into.classScore.set(c, score);
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
 * A group's signature, stable from run to run (`--accept` and `ignore` rely on it). A
 * single group: its anchor shape. A merged group: its headline class and the chain steps
 * all its fragments share — how many fragments there were and which was found first
 * depend on where the iterations fell, what holds them does not.
 */
export function groupSignature(g: Group, headline: string): string {
  if (!g.fragments) return shortHash(g.shape);
  const common = [...g.fragments[0].holder];
  for (const f of g.fragments) {
    let k = 0;
    while (k < common.length && k < f.holder.length && common[k] === f.holder[k]) k++;
    common.length = k;
  }
  return shortHash(`merged:${normaliseClass(headline)}:${common.join('')}`);
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

/**
 * Stage "ages": 1 for new objects that can head a leak — new, and not a container's
 * backing store. A backing store reallocated as its container grew is new, but what it
 * holds is the old container's business: it must not become the root of every new object
 * stored in it (a document-wide Blink vector would swallow unrelated re-render garbage).
 */
export function freshness(s: HeapSnapshot, age: Uint8Array): Uint8Array {
  const out = new Uint8Array(s.nodeCount);
  const arrayType = s.types.array;
  const native = s.types.native;
  // Per string index: 0 unknown, 1 backing-store name, 2 other.
  const storeName = new Uint8Array(s.stringCount);
  for (let i = 0; i < s.nodeCount; i++) {
    if (age[i] === 0) continue;
    const t = s.nodeType[i];
    if (t === arrayType) continue;
    if (t === native) {
      const si = s.nodeName[i];
      if (storeName[si] === 0) storeName[si] = /Backing\b|^blink::HeapVectorBacking|^blink::HeapHashTableBacking/.test(s.string(si) ?? '') ? 1 : 2;
      if (storeName[si] === 1) continue;
    }
    out[i] = 1;
  }
  return out;
}
