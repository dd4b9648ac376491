// The verdict's row stages: per-group growth, classification (a leak, or hidden as engine-
// or browser-held), the headline and the ranking of what a row drags along. Each decision
// names its rule from rules.ts on the row.
import type { HeapSnapshot } from '../heap/snapshot.js';
import type { RetainerPaths } from '../heap/paths.js';
import type { ClassGrowth } from './growth.js';
import { Recognition } from './class-kinds.js';
import { growsPerIteration, groupSignature, type Group, type Halves } from './verdict-groups.js';
import { rule, type VerdictRuleId } from './rules.js';
import type { ChainStep, Leak, LeakClass } from './result.js';

/** Why a group is not the page's leak, or null when it is (rules `hide.*`). */
export function hideRule(g: Group): VerdictRuleId | null {
  if (g.engineHeld) return 'hide.engine-held';
  if (g.headScore === Recognition.None) return 'hide.engine-objects';
  // The page still owns what it handed the browser — its callbacks and class instances
  // (listeners, timers, observers), and DOM it keeps in its documents — even when only
  // Blink plumbing leads there; not built-in or wrapper objects, nor detached DOM.
  if (g.pageOwned || g.hasPageCode) return null;
  return g.headScore === Recognition.Dom ? null : 'hide.blink-held';
}

/** The rank rule that made the headline what it is: the tier of its recognition. */
export function headlineRule(score: number): VerdictRuleId {
  switch (score) {
    case Recognition.UserClass:
      return 'rank.user-class-first';
    case Recognition.DetachedDom:
      return 'rank.detached-dom';
    case Recognition.LibraryClass:
      return 'rank.library-class';
    case Recognition.Dom:
      return 'rank.dom';
    case Recognition.Function:
      return 'rank.function';
    case Recognition.Builtin:
      return 'rank.builtin';
    default:
      return 'rank.engine-object';
  }
}

/**
 * The instance whose chain the report shows (rule `chain.oldest-instance`): one born in
 * the first half, since the newest instance may simply be the page's live state (the
 * current dialog, `theThing`), while an old one can only be alive because of the leak;
 * among those, the shortest chain.
 */
function representative(g: Group, classOf: Uint32Array): number {
  return g.oldestByClass.get(classOf[g.headNode]) ?? g.headNode;
}

export interface RowContext {
  s: HeapSnapshot;
  paths: RetainerPaths;
  age: Uint8Array;
  classOf: Uint32Array;
  names: string[];
  className: (n: number) => string;
  growing: ClassGrowth[];
  halves: Halves;
  /** The chain a row shows for this node, suspect marked. */
  chainOf(node: number): ChainStep[];
}

export interface Rows {
  leaks: Leak[];
  /** Rows hidden by a `hide.*` rule (`hidden.browserClasses`). */
  hidden: Leak[];
  /** The group behind each row, for the folding stages. */
  groupOf: Map<Leak, Group>;
}

/**
 * Stages "per-group growth", "classify" and "headline": a group becomes a row only when the
 * bug itself grows by one per iteration in each half (not just its classes somewhere in
 * the heap: a class that leaks in one place must not drag in every place where an
 * instance happens to have been born); then it is a leak or a hidden row.
 */
export function buildRows(groups: Group[], cx: RowContext): Rows {
  const { names, classOf, halves } = cx;
  const n = halves.firstHalf + halves.secondHalf;
  const growthByClass = new Map(cx.growing.map((x) => [x.classId, x]));
  const rows: Rows = { leaks: [], hidden: [], groupOf: new Map() };
  for (const g of groups) {
    if (g.headNode < 0 || !growsPerIteration(g, halves)) continue;
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
    const headline = cx.className(g.headNode);
    // Rule `rank.classes-headline-first`.
    classes.sort(
      (a, b) => Number(b.className === headline) - Number(a.className === headline) || b.score - a.score || b.bytes - a.bytes,
    );
    const chain = cx.chainOf(representative(g, classOf));
    const headCount = g.classCount.get(classOf[g.headNode]) ?? 0;
    const leak: Leak = {
      signature: groupSignature(g, headline),
      kind: g.headScore === Recognition.DetachedDom ? 'detached-dom' : 'heap',
      headline,
      bytesPerIteration: Math.round(g.bytes / n),
      objects: [...g.classCount.values()].reduce((a, b) => a + b, 0),
      classes: classes.map(({ score: _score, ...c }) => c),
      chain,
      sharedBy: headCount,
      headlineRule: headlineRule(g.headScore),
    };
    const hiddenBy = hideRule(g);
    if (hiddenBy) {
      leak.hiddenBy = hiddenBy;
      leak.hiddenReason = rule(hiddenBy).reason;
      rows.hidden.push(leak);
    } else {
      rows.leaks.push(leak);
    }
    rows.groupOf.set(leak, g);
  }
  return rows;
}

/**
 * Stage "ranking" (rule `rank.rows-by-bytes`): the most bytes per iteration first,
 * accepted rows after every active one.
 */
export function rankRows(leaks: Leak[]): void {
  leaks.sort((a, b) => Number(!!a.ignored) - Number(!!b.ignored) || b.bytesPerIteration - a.bytesPerIteration);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
