// Every rule the verdict applies, in one place: what makes a leak, what is hidden and why,
// and how a row picks its headline. Each rule has an id that the result records where the
// rule decided something (a hidden row's `hiddenBy`, a row's `headlineRule`), a reason a
// reader sees, and a comment saying why the rule exists. Rules that only document a stage
// (growth, folding, chain) are listed too, so this file is the whole rule book.
// Internals (edges never walked) keep their own registry in heap/internals.ts; each of
// them appears here as `hide.internals.<id>`, the id a hidden.internals row records.
import { internalRules, type InternalRuleId } from '../heap/internals.js';

export type RuleKind = 'leak' | 'hide' | 'rank' | 'fold' | 'chain';

export interface Rule {
  id: string;
  kind: RuleKind;
  reason: string;
}

const RULE_LIST = [
  // ── What is a leak ─────────────────────────────────────────────────────────────────
  // Count growth alone is churn-blind: a re-render replaces as many objects as it makes.
  // Requiring net growth of one per iteration in *each* half rejects growth that stops
  // (a cache filling up), and requiring survivors born in each half rejects counts that
  // rise only because old objects were re-reported. (growth.ts#growingClasses)
  { id: 'leak.class-grows-both-halves', kind: 'leak', reason: 'instances grew by at least one per iteration in both halves, and instances born in each half survive' },
  // A class can leak in one place and merely churn elsewhere; the row must be the place
  // that grows. One bug leaks the same objects every iteration, so some class of the group
  // has at least one object born per iteration in each half.
  { id: 'leak.group-grows-per-iteration', kind: 'leak', reason: 'this chain gained at least one object per iteration in each half' },
  // DOM siblings (and other linked structures) are reached now through their parent's child
  // list and now through a sibling, so one bug's objects split over several chain shapes,
  // none of which grows per iteration alone. Same headline class + together per iteration
  // = one bug; the merged row's signature comes from what the fragments share, not from
  // which fragment was found first, so it is the same from run to run.
  { id: 'leak.fragments-merged', kind: 'leak', reason: 'fragments with the same headline class grow per iteration only together' },
  // The same both-halves rule for listener counts by target and type from the DevTools
  // protocol: a listener leak may retain almost nothing (a tiny handler) yet fire forever.
  { id: 'leak.listeners-grow', kind: 'leak', reason: 'event listeners on one target and type grew per iteration in both halves' },
  // Collections present since the baseline whose entry count grows per iteration: an
  // ever-growing registry leaks even when its entries are old objects or primitives
  // (`seen[key] = true`), which no class count shows.
  { id: 'leak.collection-grows', kind: 'leak', reason: 'a collection present since the baseline gained entries per iteration in both halves' },
  // `handlers[id] = null` is how much code "removes" an entry without `delete` (Leaflet's
  // DOM event registry). A key whose value is null, undefined or a hole holds nothing, so
  // it is a tombstone and is not counted; a boolean or any object is a payload and is.
  { id: 'leak.collection-tombstone', kind: 'leak', reason: 'entries whose value is null, undefined or a hole are removals, not growth' },
  // The scenario's `ignore` list and `--accept`: the owner knows about this growth.
  { id: 'leak.ignored', kind: 'leak', reason: 'accepted by the scenario (ignore) or a previous run (--accept): reported, never fails the run' },

  // ── What is hidden ──────────────────────────────────────────────────────────────────
  // A growing object with no chain at all and no internals edge into it is garbage the GC
  // has not collected yet (it is still in the snapshot only because nothing swept it).
  { id: 'hide.unreachable', kind: 'hide', reason: 'unreachable: garbage not yet collected' },
  // V8 keeps objects for its JIT: literal boilerplates, inline-cache targets, allocation
  // sites, feedback vectors. When compiled code is on the chain, the page cannot release
  // the objects, and they stop growing once the code is optimised or flushed.
  { id: 'hide.engine-held', kind: 'hide', reason: "compiled code is on the chain: V8 holds these objects for its JIT (boilerplates, inline caches, feedback), not the page" },
  // Maps, code, feedback cells and Blink bookkeeping are never a page's leak on their own:
  // with no class a developer recognises, the row would name nothing they can act on.
  { id: 'hide.engine-objects', kind: 'hide', reason: 'only engine and browser objects grew (no page class, function, DOM or built-in among them)' },
  // No property or closure variable on the chain and no page function or class instance
  // among the objects: only Blink plumbing leads there (undo stack, event timing, focus
  // history). The page owns what it handed the browser (callbacks, its DOM), not this.
  { id: 'hide.blink-held', kind: 'hide', reason: "no page reference on the chain and no page code among the objects: only the browser's bookkeeping keeps them" },

  // ── Which class heads a row ─────────────────────────────────────────────────────────
  // The headline is the class a developer recognises soonest; ties go to the instance
  // that retains the most. The order is Recognition's in class-kinds.ts.
  { id: 'rank.user-class-first', kind: 'rank', reason: 'a class the page defined heads the row' },
  { id: 'rank.detached-dom', kind: 'rank', reason: 'no page class grew with it: a detached DOM element heads the row' },
  { id: 'rank.library-class', kind: 'rank', reason: 'a class from a library (third-party script or minified name) heads the row' },
  { id: 'rank.dom', kind: 'rank', reason: 'a DOM element or window the page created heads the row' },
  { id: 'rank.function', kind: 'rank', reason: 'no class grew with it: a page function heads the row' },
  { id: 'rank.builtin', kind: 'rank', reason: 'only built-in values grew: the largest built-in heads the row' },
  { id: 'rank.engine-object', kind: 'rank', reason: 'only engine objects grew: the largest of them heads the row' },
  // Listener and collection growth no heap row explains is a row of its own, named by what
  // grew.
  { id: 'rank.listener-row', kind: 'rank', reason: 'listener growth no heap object explains: named by event type and target' },
  { id: 'rank.collection-row', kind: 'rank', reason: 'collection growth no leak explains: named by the collection kind' },
  // Rows: the most bytes per iteration first, accepted rows last. Classes in a row: the
  // headline first, then the most recognisable, then the most bytes.
  { id: 'rank.rows-by-bytes', kind: 'rank', reason: 'rows ordered by bytes retained per iteration, accepted rows last' },
  { id: 'rank.classes-headline-first', kind: 'rank', reason: "a row's classes: the headline first, then the most recognisable, then the most bytes" },

  // ── Folding rows together ──────────────────────────────────────────────────────────
  // A listener leak shows in the heap as the handler and what it closes over; one bug,
  // one row: the listener growth joins the row whose chain holds a listener native.
  { id: 'fold.listeners-into-leak', kind: 'fold', reason: 'listener growth joins the heap row whose chain runs through a listener' },
  // A collection on a leak's chain, or whose new entries are that leak's objects, is how
  // that leak is held, not a second bug.
  { id: 'fold.collection-into-leak', kind: 'fold', reason: "collection growth joins the row whose chain runs through it or whose objects it holds" },

  // ── The chain and its suspect ──────────────────────────────────────────────────────
  // The newest instance may be the page's live state (the open dialog); one born in the
  // first half is alive only because of the leak. Among those, the shortest chain.
  { id: 'chain.oldest-instance', kind: 'chain', reason: 'the chain shown leads to an instance born in the first half, the shortest such' },
  // The reference to cut: the last property, closure variable or JS array slot before the
  // leaked objects; engine plumbing in between is walked back over.
  { id: 'suspect.last-page-reference', kind: 'chain', reason: 'the last reference page code can name before the leaked objects' },
  // Blink keeps listeners in vectors (`blink::BasicHeapVector<…>[1]`) no page code can
  // name; what the page can undo is its addEventListener call, so that is the suspect.
  // Only a registration made during the hunt (its Blink listener objects are new): a
  // listener registered once whose handler reaches growing state is not the bug; the
  // reference past the handler is.
  { id: 'suspect.listener-registration', kind: 'chain', reason: 'the page holds the leak through an event listener it registered during the hunt: the registration (target, type, handler) is the suspect' },
  // Timers, animation frames, idle callbacks and observers keep the page's callback in
  // Blink's tables: no reference the page wrote leads to it, so the page's own name for
  // what stays alive is past the callback — the variable it captured.
  { id: 'suspect.callback-capture', kind: 'chain', reason: "Blink holds the page's callback (timer, animation frame, idle callback, observer): the suspect is what the callback captured" },
] as const satisfies readonly Rule[];

export type VerdictRuleId = (typeof RULE_LIST)[number]['id'] | `hide.internals.${InternalRuleId}`;

/** Every rule, the verdict's own first, then the internals filter's. */
export const RULES: readonly Rule[] = [
  ...RULE_LIST,
  ...internalRules().map((r) => ({ id: `hide.internals.${r.id}`, kind: 'hide' as const, reason: r.reason })),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function rule(id: VerdictRuleId): Rule {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown verdict rule ${id}`);
  return r;
}

export function internalsRuleId(id: InternalRuleId): VerdictRuleId {
  return `hide.internals.${id}`;
}
