// The internals filter: edges that a retainer chain must never use, because they exist only
// because leakhound (Puppeteer, the DevTools protocol, the browser's own bookkeeping) is
// watching, or because they do not retain at all. An object reachable only through such
// edges is not the page's leak; it gets no chain, and the report counts it as hidden, with
// the rule that hid it. Rules are checked in order; the first that matches names the edge.

import type { HeapSnapshot } from './snapshot.js';

export type InternalRuleId =
  | 'weak'
  | 'devtools-console'
  | 'inspector-agent'
  | 'isolated-world'
  | 'evaluation-script'
  | 'leakhound-helper'
  | 'performance-timeline';

interface Rule {
  id: InternalRuleId;
  reason: string;
}

/** Order = reason code - 1 in `skipEdge`. */
const RULES: readonly Rule[] = [
  // A weak edge (WeakRef, WeakMap key, V8 caches) never keeps its target alive.
  { id: 'weak', reason: 'weak reference (does not keep its target alive)' },
  // V8's inspector holds everything it handed to the protocol client through global
  // handles labelled "<n> / DevTools console": arguments of console messages (kept while
  // Runtime is enabled) and every Runtime remote object, i.e. each Puppeteer
  // JSHandle/ElementHandle and the object groups behind them. Measured on Chromium 156:
  // `page.$()` results and `evaluateHandle()` values appear here next to console.log args.
  { id: 'devtools-console', reason: 'held by the DevTools protocol (console messages, remote objects such as Puppeteer or Playwright handles)' },
  // Blink's inspector agents keep maps of nodes they reported to the client (DOM agent
  // node ids, CSS agent style sheets, overlay targets). Page code cannot release them.
  { id: 'inspector-agent', reason: "held by Blink's DevTools agents (DOM/CSS/overlay state of the protocol session)" },
  // Puppeteer evaluates its helpers in an isolated world (`__puppeteer_utility_world__`);
  // extensions do the same. Their globals and contexts are not the page's.
  { id: 'isolated-world', reason: "held by an isolated world (Puppeteer's or Playwright's utility world, extensions)" },
  // Functions compiled from page.evaluate() code (sourceURL `pptr:…`, or
  // `__puppeteer_evaluation_script__` in older Puppeteer) belong to the test harness.
  { id: 'evaluation-script', reason: 'held by Puppeteer evaluation code (pptr: scripts)' },
  // leakhound's own injected helpers carry a `leakhound-internal://` sourceURL.
  { id: 'leakhound-helper', reason: "held by leakhound's injected helpers" },
  // The performance timeline buffers entries (navigation, resource, paint, marks) in Blink;
  // no page code can free them short of clearing the buffer. Only Blink-side references
  // are dropped: a page array holding an entry still shows up.
  { id: 'performance-timeline', reason: 'browser bookkeeping (performance timeline entries)' },
];

const DEFAULT_MARKERS: Record<'evaluation-script' | 'leakhound-helper', string[]> = {
  'evaluation-script': ['pptr:', '__puppeteer_evaluation_script__'],
  'leakhound-helper': ['leakhound-internal://'],
};

const INSPECTOR_AGENT = /^blink::(?:(?:Inspector|DevTools)\w*|\w+InspectorAgent)$/;
// User Timing entries (performance.mark/measure) are the page's own: it made them and
// performance.clearMarks/clearMeasures frees them, so they are not hidden.
const PERFORMANCE_ENTRY =
  /^(?!Performance(?:Mark|Measure)$)(?:Performance\w*(?:Timing|Mark|Measure|Entry)|LargestContentfulPaint|LayoutShift(?:Attribution)?|VisibilityStateEntry|TaskAttributionTiming|SoftNavigationEntry|BackForwardCacheRestoration|InteractionContentfulPaint)$/;

export interface InternalsFilterOptions {
  /** Script ids of harness code (from `Debugger.scriptParsed`), matched via `locations`. */
  hiddenScriptIds?: Iterable<number>;
  /** Extra source-URL prefixes whose functions count as leakhound helpers. */
  sourceMarkers?: string[];
}

export interface InternalsReason {
  id: InternalRuleId;
  reason: string;
  /** How many edges of this snapshot the rule removed. */
  edges: number;
}

export interface InternalsFilter {
  /** Per edge: 0 = traverse; k > 0 = never traverse, because of `reasons[k - 1]`. */
  skipEdge: Uint8Array;
  /** Every rule, in order, with its edge count (0 when it matched nothing). */
  reasons: InternalsReason[];
  /** The reason an edge is skipped, or undefined when it is traversed. */
  reasonOf(edge: number): InternalsReason | undefined;
  /** One line per rule that removed something, for reports and `--verbose`. */
  explain(): string[];
}

export function createInternalsFilter(s: HeapSnapshot, opts: InternalsFilterOptions = {}): InternalsFilter {
  const code = (id: InternalRuleId) => RULES.findIndex((r) => r.id === id) + 1;
  const skip = new Uint8Array(s.edgeCount);
  const targetCode = new Uint8Array(s.nodeCount);

  const named = namedNodes(s);
  markIsolatedWorlds(s, named, targetCode, code('isolated-world'));
  markHarnessClosures(s, named, targetCode, opts, code('evaluation-script'), code('leakhound-helper'));

  const codes: EdgeCodes = {
    weak: code('weak'),
    console: code('devtools-console'),
    agent: code('inspector-agent'),
    perf: code('performance-timeline'),
  };
  const nodeFlags = nativeNameFlags(s);
  const synthetic = s.types.synthetic;
  const nodeType = s.nodeType;
  // Synthetic roots are a few dozen nodes and the only ones whose edges need a name; the
  // native indexOf finds them without a JS loop over every node.
  for (let from = nodeType.indexOf(synthetic); from >= 0 && from < s.nodeCount; from = nodeType.indexOf(synthetic, from + 1)) {
    markSyntheticEdges(s, from, skip, targetCode, codes);
  }
  markEdges(s, skip, targetCode, nodeFlags, codes);
  return makeFilter(skip);
}

interface EdgeCodes {
  weak: number;
  console: number;
  agent: number;
  perf: number;
}

/** Per node: an inspector agent (native), a performance entry (native). */
const AGENT_NODE = 1;
const PERF_NODE = 2;

/** Flags for native nodes from their names, one regex test per distinct name. */
function nativeNameFlags(s: HeapSnapshot): Uint8Array {
  const flags = new Uint8Array(s.nodeCount);
  const native = s.types.native;
  // Per string index: 0 not yet tested, else the flag + 4.
  const nameKind = new Uint8Array(s.stringCount);
  const nodeType = s.nodeType;
  const nodeName = s.nodeName;
  for (let n = 0; n < s.nodeCount; n++) {
    if (nodeType[n] !== native) continue;
    const si = nodeName[n];
    let k = nameKind[si];
    if (k === 0) {
      const str = s.string(si) ?? '';
      k = 4 + (INSPECTOR_AGENT.test(str) ? AGENT_NODE : PERFORMANCE_ENTRY.test(str) ? PERF_NODE : 0);
      nameKind[si] = k;
    }
    flags[n] = k - 4;
  }
  return flags;
}

const CONSOLE_SUFFIX = new TextEncoder().encode(' / DevTools console');
const WINDOW_PREFIX = new TextEncoder().encode('Window / ');
const WINDOW_NAME = new TextEncoder().encode('Window');
const NATIVE_CONTEXT = new TextEncoder().encode('system / NativeContext');
const SCRIPT_PREFIX = new TextEncoder().encode('system / Script');

/** The edges of one synthetic node, by the same rules in the same order as `markEdges`. */
function markSyntheticEdges(s: HeapSnapshot, from: number, skip: Uint8Array, targetCode: Uint8Array, codes: EdgeCodes): void {
  const { weak, element, hidden } = s.edgeTypes;
  for (let e = s.firstEdge[from], end = s.firstEdge[from + 1]; e < end; e++) {
    const t = s.edgeType[e];
    if (t === weak) skip[e] = codes.weak;
    // Element and hidden edges are named by a number; the rest, checked on the string table's
    // bytes (`(Internalized strings)` alone has tens of thousands of edges, each its own name).
    else if (t !== element && t !== hidden && s.stringTable.endsWith(s.edgeNameOrIndex[e], CONSOLE_SUFFIX)) skip[e] = codes.console;
    else if (targetCode[s.edgeTo[e]]) skip[e] = targetCode[s.edgeTo[e]];
  }
}

/**
 * Every other node's edges, first matching rule wins: weak; anything an inspector agent
 * holds; anything into a node already marked (isolated worlds, harness closures); a
 * native's non-property edge into a performance entry. Typed arrays only, so that this
 * loop over every edge compiles small and once.
 */
function markEdges(s: HeapSnapshot, skip: Uint8Array, targetCode: Uint8Array, flags: Uint8Array, codes: EdgeCodes): void {
  const weak = s.edgeTypes.weak;
  const property = s.edgeTypes.property;
  const context = s.edgeTypes.context;
  const synthetic = s.types.synthetic;
  const native = s.types.native;
  const nodeType = s.nodeType;
  const edgeType = s.edgeType;
  const edgeTo = s.edgeTo;
  const fe = s.firstEdge;
  const { weak: weakCode, agent: agentCode, perf: perfCode } = codes;
  for (let from = 0; from < s.nodeCount; from++) {
    const fromType = nodeType[from];
    if (fromType === synthetic) continue;
    const fromIsAgent = (flags[from] & AGENT_NODE) !== 0;
    const fromNative = fromType === native;
    for (let e = fe[from], end = fe[from + 1]; e < end; e++) {
      const t = edgeType[e];
      if (t === weak) {
        skip[e] = weakCode;
        continue;
      }
      if (fromIsAgent) {
        skip[e] = agentCode;
        continue;
      }
      const to = edgeTo[e];
      const target = targetCode[to];
      if (target !== 0) skip[e] = target;
      else if (fromNative && t !== property && t !== context && (flags[to] & PERF_NODE) !== 0) skip[e] = perfCode;
    }
  }
}

function makeFilter(skip: Uint8Array): InternalsFilter {
  // Counted on first use: class statistics and dominators never ask, and the count is a
  // pass over every edge.
  let counted: InternalsReason[] | undefined;
  const reasons = (): InternalsReason[] => {
    if (!counted) {
      const counts = new Array<number>(RULES.length).fill(0);
      // Codes past the rules, added to the mask later (WeakMap table edges), are not counted.
      for (let e = 0; e < skip.length; e++) if (skip[e] !== 0 && skip[e] <= RULES.length) counts[skip[e] - 1]++;
      counted = RULES.map((r, i) => ({ id: r.id, reason: r.reason, edges: counts[i] }));
    }
    return counted;
  };
  return {
    skipEdge: skip,
    get reasons() {
      return reasons();
    },
    // Codes past the rules (retainer paths add WeakMap table edges to this mask) have no reason.
    reasonOf: (edge) => (skip[edge] ? reasons()[skip[edge] - 1] : undefined),
    explain: () =>
      reasons().filter((r) => r.edges > 0).map((r) => `${r.edges} edge${r.edges === 1 ? '' : 's'} skipped: ${r.reason}`),
  };
}

/**
 * `s.childByEdgeName(node, name)` for many nodes: each distinct edge name is compared once,
 * on the string table's bytes, and remembered in a byte per string.
 */
function childNamed(s: HeapSnapshot, name: string): (node: number) => number {
  const bytes = new TextEncoder().encode(name);
  // Per string index: 0 not compared yet, 1 the name, 2 another.
  const memo = new Uint8Array(s.stringCount);
  const { element, hidden } = s.edgeTypes;
  const { firstEdge: fe, edgeType, edgeNameOrIndex: names, edgeTo } = s;
  const table = s.stringTable;
  return (node) => {
    for (let e = fe[node], end = fe[node + 1]; e < end; e++) {
      const t = edgeType[e];
      if (t === element || t === hidden) continue;
      const si = names[e];
      if (si >= memo.length) continue;
      let k = memo[si];
      if (k === 0) k = memo[si] = table.startsWith(si, bytes, true) ? 1 : 2;
      if (k === 1) return edgeTo[e];
    }
    return -1;
  };
}

const WINDOW = 1;
const CONTEXT = 2;
const SCRIPT = 3;

/**
 * Pairs (node, kind) for the nodes, in index order, named like a Window (WINDOW), a native
 * context (CONTEXT) or a script (SCRIPT), by name prefix on the string table's bytes, once
 * per distinct name (a byte per string remembers). Strings are left out: their name is their
 * text. One small loop of its own for both rules that need it: V8 optimises it early in
 * the one call that scans every node, where a loop inside a bigger function ran mostly
 * unoptimised.
 */
function namedNodes(s: HeapSnapshot): number[] {
  const table = s.stringTable;
  const kindOf = (si: number): number =>
    table.startsWith(si, WINDOW_PREFIX) || table.startsWith(si, WINDOW_NAME, true) ? WINDOW
      : table.startsWith(si, NATIVE_CONTEXT) ? CONTEXT : table.startsWith(si, SCRIPT_PREFIX) ? SCRIPT : 0;
  // Per string index: 0 not looked at, else kind + 1.
  const memo = new Uint8Array(s.stringCount);
  const skipType = new Uint8Array(256);
  for (const t of [s.types.string, s.types['concatenated string'], s.types['sliced string']]) if (t >= 0) skipType[t] = 1;
  const nodeType = s.nodeType;
  const nodeName = s.nodeName;
  const out: number[] = [];
  for (let n = 0, count = s.nodeCount; n < count; n++) {
    if (skipType[nodeType[n]] !== 0) continue;
    const si = nodeName[n];
    let k = memo[si];
    if (k === 0) k = memo[si] = kindOf(si) + 1;
    if (k !== 1) out.push(n, k - 1);
  }
  return out;
}

/** All rule ids with their reasons, for documentation and report legends. */
export function internalRules(): { id: InternalRuleId; reason: string }[] {
  return RULES.map((r) => ({ id: r.id, reason: r.reason }));
}

/**
 * Marks the native context, global proxy and global object of every world that is not a
 * page's main world. Main worlds are the ones a Blink `Window` node links to (its global
 * proxy *is* the Window node); isolated worlds have their own `[JSGlobalProxy]` object.
 * Snapshots without any Window (Node.js, workers) have no notion of worlds: nothing marked.
 */
function markIsolatedWorlds(s: HeapSnapshot, found: number[], mark: Uint8Array, code: number): void {
  const main = new Set<number>();
  const contexts: number[] = [];
  for (let i = 0; i < found.length; i += 2) {
    const n = found[i];
    if (found[i + 1] === WINDOW && s.nodeType[n] === s.types.native) {
      const c = s.childByEdgeName(n, 'native_context');
      if (c >= 0) main.add(c);
    } else if (found[i + 1] === CONTEXT) {
      contexts.push(n);
    }
  }
  if (main.size === 0) return;
  for (const c of contexts) {
    if (main.has(c)) continue;
    mark[c] = code;
    const proxy = s.childByEdgeName(c, 'global_proxy_object');
    const global = s.childByEdgeName(c, 'global_object');
    // A native proxy is a Blink Window, i.e. a page's world: never hide one.
    if (proxy >= 0 && s.nodeType[proxy] !== s.types.native) mark[proxy] = code;
    if (global >= 0) mark[global] = code;
  }
}


/**
 * Marks closures compiled from harness scripts. The path is closure -shared-> SharedFunctionInfo
 * -script-> Script -source_url/name-> string; the script ids the runner saw in
 * `Debugger.scriptParsed` are matched through the snapshot's `locations` instead.
 */
function markHarnessClosures(
  s: HeapSnapshot,
  named: number[],
  mark: Uint8Array,
  opts: InternalsFilterOptions,
  evalCode: number,
  helperCode: number,
): void {
  const markers: [string, number][] = [
    ...DEFAULT_MARKERS['evaluation-script'].map((m): [string, number] => [m, evalCode]),
    ...DEFAULT_MARKERS['leakhound-helper'].map((m): [string, number] => [m, helperCode]),
    ...(opts.sourceMarkers ?? []).map((m): [string, number] => [m, helperCode]),
  ];
  const matchUrl = (url: string): number => {
    for (const [m, c] of markers) if (url.startsWith(m)) return c;
    return 0;
  };
  const scriptCode = new Map<number, number>();
  const codeType = s.types.code;
  for (let i = 0; i < named.length; i += 2) {
    const n = named[i];
    if (named[i + 1] !== SCRIPT || s.nodeType[n] !== codeType) continue;
    const name = s.name(n);
    let c = matchUrl(name.slice('system / Script / '.length));
    for (const edgeName of ['source_url', 'name']) {
      if (c) break;
      const str = s.childByEdgeName(n, edgeName);
      if (str >= 0) c = matchUrl(s.name(str));
    }
    if (c) scriptCode.set(n, c);
  }
  const hiddenIds = new Set(opts.hiddenScriptIds ?? []);
  if (scriptCode.size === 0 && hiddenIds.size === 0) return;
  const closureType = s.types.closure;
  const sharedOf = childNamed(s, 'shared');
  const scriptOf = childNamed(s, 'script');
  for (let n = s.nodeType.indexOf(closureType); n >= 0 && n < s.nodeCount; n = s.nodeType.indexOf(closureType, n + 1)) {
    let c = 0;
    if (scriptCode.size > 0) {
      const sfi = sharedOf(n);
      const script = sfi >= 0 ? scriptOf(sfi) : -1;
      c = script >= 0 ? scriptCode.get(script) ?? 0 : 0;
    }
    if (!c && hiddenIds.size > 0) {
      const loc = s.location(n);
      if (loc && hiddenIds.has(loc.scriptId)) c = evalCode;
    }
    if (c) mark[n] = c;
  }
}
