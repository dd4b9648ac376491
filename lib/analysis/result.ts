// The HuntResult: the one value that crosses from the runner to every reporter. It is plain,
// JSON-serialisable data, versioned so that nightly sweeps can compare results across
// leakhound releases. Change the shape only with a new `schemaVersion`.

export const RESULT_SCHEMA_VERSION = 1;

export interface HuntResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  tool: { name: 'leakhound'; version: string };
  browser: { path: string; version: string } | null;
  startedAt: string;
  durationMs: number;
  scenarios: ScenarioResult[];
  /** Set by `--shard i/n`: which part this is, for `leakhound merge`. */
  shard?: ShardInfo;
  /** Set by `--history FILE`: this run's id and how many earlier runs it was compared with. */
  history?: RunHistoryInfo;
}

export interface ShardInfo {
  index: number;
  count: number;
  /** Every scenario file of the whole (unsharded) sweep, in the order it was given. */
  files: string[];
}

export interface RunHistoryInfo {
  runId: string;
  /** Earlier runs found in the history file (all scenarios). */
  previousRuns: number;
}

export type ScenarioStatus = 'clean' | 'leaks' | 'failed';

export interface ScenarioResult {
  name: string;
  file: string;
  url: string;
  status: ScenarioStatus;
  iterations: number;
  /** Present when status is 'failed': which step broke and the scenario's own message. */
  error?: { step: string; message: string };
  leaks: Leak[];
  /** One entry per iteration (index 0 = baseline after warm-up). */
  counters: CounterSample[];
  hidden: HiddenSummary;
  timings: PhaseTimings;
  /** Snapshot files written with --save-snapshots. */
  snapshots?: string[];
  /** With --history: leaks of this scenario's previous completed run that are gone now. */
  fixed?: FixedLeak[];
  /** With --history: this scenario's runs, oldest first, this run last (at most the last 30). */
  trend?: TrendPoint[];
}

export interface FixedLeak {
  signature: string;
  headline: string;
  /** Date (ISO) of the first run of the streak in which it was seen, and of its last run. */
  since: string;
  lastSeen: string;
}

export interface TrendPoint {
  runId: string;
  date: string;
  status: ScenarioStatus;
  /** Leaks that fail the run (not ignored). */
  leaks: number;
  bytesPerIteration: number;
}

/** With --history: `new` when the scenario's previous completed run did not have this signature. */
export interface LeakHistory {
  status: 'new' | 'still';
  /** For `still`: the date (ISO) of the first run of the unbroken streak that had it. */
  since?: string;
  /** For `still`: how many runs in a row, this one included. */
  runs?: number;
}

export interface CounterSample {
  iteration: number;
  jsHeapUsed: number;
  domNodes: number;
  documents: number;
  jsEventListeners: number;
}

export type LeakKind = 'heap' | 'detached-dom' | 'listeners' | 'collection';

export interface Leak {
  /** Stable across runs of the same bug: derived from the chain's shape, not from ids. */
  signature: string;
  kind: LeakKind;
  /** The class a developer recognises: the row's title. */
  headline: string;
  /** Bytes retained by the leaked objects of one iteration (dominator-based). */
  bytesPerIteration: number;
  /** Leaked objects present in the final snapshot, all classes together. */
  objects: number;
  classes: LeakClass[];
  /** Root first; empty only for listener-only findings with no heap evidence. */
  chain: ChainStep[];
  /** How many leaked instances of the headline class share this chain's shape. */
  sharedBy: number;
  /** Event listeners that grew with this leak (merged into it when they explain it). */
  listeners?: ListenerGrowth[];
  /** A collection that grew on the chain, with its entry counts at the three snapshots. */
  collection?: CollectionGrowth;
  /** The user accepted this leak (scenario `ignore`); reported, never fails the run. */
  ignored?: boolean;
  /** The ranking rule (lib/analysis/rules.ts) that chose `headline`, e.g. `rank.user-class-first`. */
  headlineRule?: string;
  /** On hidden rows (`hidden.browserClasses`): the rule that hid this row, e.g. `hide.engine-held`. */
  hiddenBy?: string;
  /** On hidden rows: that rule's reason, for readers without the rule book. */
  hiddenReason?: string;
  /** With --history: new since the scenario's previous run, or still there since a date. */
  history?: LeakHistory;
  /**
   * With --allocations: where the headline class's instances born since the baseline were
   * allocated, one entry per distinct stack, most instances first (at most 5).
   */
  allocations?: AllocationSite[];
}

export interface AllocationSite {
  /** Instances of the headline class allocated along this stack. */
  count: number;
  /** Innermost first: the function that ran `new`, then its callers. */
  frames: AllocationFrame[];
}

export interface AllocationFrame {
  /** '' for anonymous functions. */
  functionName: string;
  /** The original source path when a source map resolved it (`src/app.ts`), else the script URL. */
  file: string;
  /** 1-based; 0 for builtins without a script. */
  line: number;
  column: number;
  /** The position is the call inside this function (`new X`, `f(`); otherwise the function's start. */
  callSite?: boolean;
  /** Third-party code: `node_modules/` in the mapped source path, or on the map's ignore list. */
  library?: boolean;
  /** Why `file` is the generated script's position: no source map, or one that failed. */
  note?: string;
}

export interface LeakClass {
  className: string;
  /** Instance counts at baseline, middle and final snapshots. */
  counts: [number, number, number];
  perIteration: number;
  /** Sum of self sizes of this class's leaked instances. */
  bytes: number;
}

export interface ChainStep {
  nodeId: number;
  className: string;
  nodeType: string;
  /** The edge from this step to the next one (null on the last step). */
  edge: { name: string; type: string } | null;
  /** The last reference the page's own code owns before the leaked objects. */
  suspect: boolean;
  /** Whether this object is one of the leaked (new, growing) objects. */
  leaked: boolean;
  /** Where the chain starts, on the first step only: window, dom, native-root, gc-root. */
  rootKind?: string;
  /**
   * On a listener step (Blink's listener object whose edge leads to the handler): the
   * registration the page made, shown as the suspect instead of Blink's listener vector.
   * `type` is '?' when the runner listed no listeners to match it against.
   */
  listener?: { target: string; type: string; handler: string };
}

export interface ListenerGrowth {
  target: string;
  type: string;
  counts: [number, number, number];
  perIteration: number;
}

export interface CollectionGrowth {
  className: string;
  nodeId: number;
  sizes: [number, number, number];
  perIteration: number;
}

export interface HiddenSummary {
  /** Growing objects that only DevTools, Puppeteer or leakhound held, by reason. */
  internals: { reason: string; objects: number; /** `hide.internals.<id>` (lib/analysis/rules.ts). */ hiddenBy?: string }[];
  /** Growing classes that only browser bookkeeping explains (shown with --show-internal). */
  browserClasses: Leak[];
}

export interface PhaseTimings {
  launchMs?: number;
  loadMs: number;
  iterationsMs: number;
  snapshotMs: number;
  analysisMs: number;
}
