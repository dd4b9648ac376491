// The verdict of one hunt: from the baseline and middle summaries and the final heap
// graph, the leaks (one row per bug, headed by the class a developer recognises, with a
// retainer chain), and what was hidden and why. A pipeline of named stages, each a
// function of its own (verdict-groups.ts, verdict-rows.ts, verdict-fold.ts); every rule
// they apply is in rules.ts, and the rows record the ids of the rules that shaped them.
import type { HeapSnapshot } from '../heap/snapshot.js';
import { classIndex } from '../heap/class-names.js';
import { createInternalsFilter } from '../heap/internals.js';
import { computeRetainerPaths } from '../heap/paths.js';
import { computeDominators } from '../heap/dominators.js';
import type { SnapshotSummary } from './summary.js';
import { growingClasses, nodeAges } from './growth.js';
import { buildChain, pathNodes } from './chain.js';
import { classOrigins } from './class-kinds.js';
import { attribute, findSeeds, formGroups, freshness, LeakRoots, mergeFragments, type Group, type Halves } from './verdict-groups.js';
import { buildRows, rankRows } from './verdict-rows.js';
import { applyIgnore, foldCollections, foldListeners, grownCollections, grownListeners, type ListenerCount } from './verdict-fold.js';
import { markListenerSuspect } from './listener-suspect.js';
import { markCallbackCapture } from './callback-suspect.js';
import type { HiddenSummary, Leak } from './result.js';
import { VerdictInputError } from './errors.js';

export type { ListenerCount } from './verdict-fold.js';
export { VerdictInputError } from './errors.js';

export interface VerdictInput {
  baseline: SnapshotSummary;
  middle: SnapshotSummary;
  final: HeapSnapshot;
  /** Iterations between baseline and middle, and between middle and final: each at least 1. */
  firstHalf: number;
  secondHalf: number;
  /** Event listeners by target and type at the three snapshots, when the runner listed them. */
  listeners?: [ListenerCount[], ListenerCount[], ListenerCount[]];
  /** Script ids of Puppeteer's and leakhound's own code in this page. */
  hiddenScriptIds?: Iterable<number>;
  /** Classes the scenario's owner accepts as growing. */
  ignore?: string[];
  /**
   * Page or library class by the constructor's source-mapped path (runner/class-sources.ts):
   * `classOrigins` adds the library ones to those its script-URL rule finds.
   */
  classSources?: ReadonlyMap<string, 'library' | 'page'>;
}

export interface Verdict {
  leaks: Leak[];
  hidden: HiddenSummary;
}

export function computeVerdict(input: VerdictInput): Verdict {
  const halves = checkHalves(input);
  const n = halves.firstHalf + halves.secondHalf;
  const s = input.final;
  const { classOf, names } = classIndex(s);
  const className = (node: number) => names[classOf[node]];

  // Stage "ages/growth": which objects are new, which classes and collections grew.
  const age = nodeAges(s, input.baseline, input.middle);
  const fresh = freshness(s, age);
  const growing = growingClasses(s, classOf, names, age, input.baseline, input.middle, halves.firstHalf, halves.secondHalf);
  const growingIds = new Uint8Array(names.length);
  for (const g of growing) growingIds[g.classId] = 1;
  const collections = grownCollections(s, age, input.baseline, input.middle, halves);
  // Nothing grew: no chain, dominator tree or filter is needed to say so. Most scenarios of
  // a nightly sweep are clean, and this keeps their analysis to a pass over the ids.
  if (growing.length === 0 && collections.length === 0) return { leaks: [], hidden: { internals: [], browserClasses: [] } };

  const filter = createInternalsFilter(s, { hiddenScriptIds: input.hiddenScriptIds });
  const paths = computeRetainerPaths(s, { filter });
  const dom = computeDominators(s, paths);

  // Stages "seeds", "leak roots & primaries", "groups", "attribution", "fragment merge".
  const { seeds, hiddenInternals } = findSeeds(s, age, classOf, growingIds, paths, filter);
  const roots = new LeakRoots(s, paths, dom, fresh);
  const { groups, groupOfPrimary } = formGroups(s, paths, roots, seeds, className);
  // Where classes come from decides how recognisable they are (class-kinds.ts).
  const origins = classOrigins(s, input.classSources);
  attribute(s, age, paths, dom, classOf, names, growingIds, roots, groups, groupOfPrimary, origins);
  const merged = mergeFragments(groups, halves, classOf, paths.distance);

  // Stages "per-group growth", "classify", "headline", with the listener suspect rule.
  const listenerGrowth = grownListeners(input.listeners, halves);
  const lists = { grown: listenerGrowth, final: input.listeners?.[2] ?? [] };
  const rows = buildRows(merged, {
    s,
    paths,
    age,
    classOf,
    names,
    className,
    growing,
    halves,
    chainOf: (node) => {
      const chain = buildChain(s, paths, node, className, age, fresh);
      if (!markListenerSuspect(s, pathNodes(s, paths, node).nodes, chain, lists)) markCallbackCapture(chain);
      return chain;
    },
  });

  // Stages "listener folding", "collection folding", "ignore", "ranking".
  const { leaks, hidden } = rows;
  foldListeners(leaks, listenerGrowth, (l) => rows.groupOf.get(l)?.hasListenerNative ?? false);
  const leakOfGroup = new Map<Group, Leak>();
  for (const l of leaks) {
    const g = rows.groupOf.get(l);
    if (g) leakOfGroup.set(g, l);
  }
  const leakOfNode = (v: number): Leak | undefined => {
    const gi = groupOfPrimary[roots.of(v)];
    if (gi < 0) return undefined;
    const g = groups[gi];
    return leakOfGroup.get(g.mergedInto ?? g);
  };
  foldCollections(leaks, collections, s, paths, age, n, className, leakOfNode);
  applyIgnore(leaks, input.ignore ?? []);
  rankRows(leaks);
  hidden.sort((a, b) => b.bytesPerIteration - a.bytesPerIteration);
  const internals = [...hiddenInternals].map(([id, x]) => ({ reason: x.reason, objects: x.objects, hiddenBy: id }));
  return { leaks, hidden: { internals, browserClasses: hidden } };
}

/** Both halves need at least one iteration: the leak rule asks for growth in each. */
function checkHalves(input: VerdictInput): Halves {
  const { firstHalf, secondHalf } = input;
  for (const [name, v] of [['firstHalf', firstHalf], ['secondHalf', secondHalf]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new VerdictInputError(
        `${name} must be a whole number of iterations of at least 1 (got ${String(v)}): a hunt needs at least 2 iterations, one per half`,
      );
    }
  }
  return { firstHalf, secondHalf };
}
