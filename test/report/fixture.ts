// HuntResult fixtures for the reporter tests: one clean, one leaking and one failed
// scenario, shaped like what the runner produces; and a hostile variant whose page-provided
// strings try to break out of every output format.
import type { ChainStep, CounterSample, HuntResult, Leak, ScenarioResult } from '../../lib/analysis/result.js';

function counters(n: number, heap0: number, heapStep: number, dom0: number, domStep: number, l0: number, lStep: number): CounterSample[] {
  return Array.from({ length: n + 1 }, (_, i) => ({
    iteration: i,
    jsHeapUsed: heap0 + heapStep * i,
    domNodes: dom0 + domStep * i,
    documents: 1,
    jsEventListeners: l0 + lStep * i,
  }));
}

function step(nodeId: number, className: string, nodeType: string, edge: ChainStep['edge'], extra: Partial<ChainStep> = {}): ChainStep {
  return { nodeId, className, nodeType, edge, suspect: false, leaked: false, ...extra };
}

export function todoHeapLeak(): Leak {
  return {
    signature: 'a1b2c3d4',
    kind: 'heap',
    headline: 'TodoItem',
    bytesPerIteration: 4800,
    objects: 21,
    classes: [
      { className: 'TodoItem', counts: [2, 5, 9], perIteration: 1, bytes: 560 },
      { className: 'Array', counts: [40, 46, 54], perIteration: 2, bytes: 448 },
    ],
    chain: [
      step(1001, 'Window', 'object', { name: 'store', type: 'property' }, { rootKind: 'window' }),
      step(2002, 'Store', 'object', { name: 'items', type: 'property' }, { suspect: true }),
      step(3003, 'Array', 'object', { name: '3', type: 'element' }, { leaked: true }),
      step(4004, 'TodoItem', 'object', null, { leaked: true }),
    ],
    sharedBy: 7,
    listeners: [{ target: 'Window', type: 'resize', counts: [1, 4, 8], perIteration: 1 }],
  };
}

export function detachedLeak(): Leak {
  return {
    signature: 'e5f6a7b8',
    kind: 'detached-dom',
    headline: 'Detached <li>',
    bytesPerIteration: 1200,
    objects: 14,
    classes: [
      { className: 'Detached <li>', counts: [0, 3, 7], perIteration: 1, bytes: 840 },
      { className: 'Detached Text', counts: [0, 3, 7], perIteration: 1, bytes: 280 },
    ],
    chain: [
      step(1001, 'Window', 'object', { name: 'rowCache', type: 'property' }, { rootKind: 'window' }),
      step(5001, 'Map', 'object', { name: 'table', type: 'internal' }, { suspect: true }),
      step(5002, '(object elements)', 'array', { name: '5', type: 'element' }),
      step(6006, 'Detached <li>', 'native', null, { leaked: true }),
    ],
    sharedBy: 7,
    collection: { className: 'Map', nodeId: 5001, sizes: [0, 3, 7], perIteration: 1 },
  };
}

export function ignoredLeak(): Leak {
  return {
    signature: 'c0ffee00',
    kind: 'heap',
    headline: 'HistoryEntry',
    bytesPerIteration: 96,
    objects: 7,
    classes: [{ className: 'HistoryEntry', counts: [0, 3, 7], perIteration: 1, bytes: 672 }],
    chain: [
      step(1001, 'Window', 'object', { name: 'history', type: 'property' }, { rootKind: 'window' }),
      step(7007, 'Array', 'object', { name: '6', type: 'element' }, { suspect: true }),
      step(7008, 'HistoryEntry', 'object', null, { leaked: true }),
    ],
    sharedBy: 7,
    ignored: true,
  };
}

function browserClass(): Leak {
  return {
    signature: 'bada55',
    kind: 'heap',
    headline: 'PerformanceEventTiming',
    bytesPerIteration: 64,
    objects: 7,
    classes: [{ className: 'PerformanceEventTiming', counts: [0, 3, 7], perIteration: 1, bytes: 448 }],
    chain: [
      step(9000, 'Performance', 'native', { name: '1', type: 'element' }, { rootKind: 'native-root' }),
      step(9001, 'PerformanceEventTiming', 'native', null, { leaked: true }),
    ],
    sharedBy: 7,
  };
}

export function cleanScenario(): ScenarioResult {
  return {
    name: 'open and close dialog',
    file: 'scenarios/dialog.ts',
    url: 'http://127.0.0.1:4000/dialog.html',
    status: 'clean',
    iterations: 7,
    leaks: [],
    counters: counters(7, 2_000_000, 0, 120, 0, 10, 0),
    hidden: { internals: [{ reason: 'DevTools console', objects: 12 }], browserClasses: [] },
    timings: { launchMs: 400, loadMs: 300, iterationsMs: 2100, snapshotMs: 900, analysisMs: 150 },
  };
}

export function leakingScenario(): ScenarioResult {
  return {
    name: 'add and remove todos',
    file: 'scenarios/todo.ts',
    url: 'http://127.0.0.1:4000/todo.html',
    status: 'leaks',
    iterations: 7,
    leaks: [todoHeapLeak(), detachedLeak(), ignoredLeak()],
    counters: counters(7, 3_000_000, 50_000, 200, 2, 10, 1),
    hidden: {
      internals: [
        { reason: 'DevTools console', objects: 30 },
        { reason: 'Puppeteer handles', objects: 4 },
      ],
      browserClasses: [browserClass()],
    },
    timings: { loadMs: 350, iterationsMs: 4200, snapshotMs: 2600, analysisMs: 480 },
  };
}

export function failedScenario(): ScenarioResult {
  return {
    name: 'checkout',
    file: 'scenarios/checkout.ts',
    url: 'http://127.0.0.1:4000/checkout.html',
    status: 'failed',
    iterations: 7,
    error: { step: 'action', message: 'waiting for selector "#pay" failed: timeout 5000ms exceeded\n  in iteration 3' },
    leaks: [],
    counters: counters(2, 2_500_000, 10_000, 150, 0, 5, 0),
    hidden: { internals: [], browserClasses: [] },
    timings: { loadMs: 310, iterationsMs: 5000, snapshotMs: 0, analysisMs: 0 },
  };
}

export function huntResult(scenarios: ScenarioResult[] = [cleanScenario(), leakingScenario(), failedScenario()]): HuntResult {
  return {
    schemaVersion: 1,
    tool: { name: 'leakhound', version: '0.1.0' },
    browser: { path: '/opt/chromium/chrome', version: 'Chrome/156.0.7400.0' },
    startedAt: '2026-11-25T15:00:00.000Z',
    durationMs: 17_345,
    scenarios,
  };
}

/** Strings a hostile page could produce as class, edge, listener and URL text. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  attr: '"onerror="alert(1)',
  pipe: 'a|b',
  backticks: '``code` `x',
  cdataEnd: ']]>',
  ansi: '\u001b[31mRed\u001b[0m\u001b[2J\u001b]0;pwned\u0007',
  control: 'ctl\u0000\u0007\u0008\u000b\u000c\u001f\u007f\u0085end',
  mention: '@octocat *bold* [link](http://evil)',
} as const;

/** The leaking scenario with every page-provided string replaced by something hostile. */
export function hostileResult(): HuntResult {
  const s = leakingScenario();
  const [heap, detached, ignored] = s.leaks;
  heap.headline = HOSTILE.img;
  heap.classes[0].className = HOSTILE.img;
  heap.classes[1].className = HOSTILE.pipe;
  heap.chain[1].className = HOSTILE.script;
  heap.chain[1].edge = { name: HOSTILE.attr, type: 'property' };
  heap.chain[2].className = HOSTILE.ansi;
  heap.chain[3].className = HOSTILE.img;
  heap.listeners = [{ target: HOSTILE.script, type: HOSTILE.attr, counts: [0, 3, 7], perIteration: 1 }];
  detached.headline = HOSTILE.pipe;
  detached.chain[1].className = HOSTILE.backticks;
  detached.chain[1].edge = { name: HOSTILE.cdataEnd, type: 'internal' };
  detached.chain[2].className = HOSTILE.control;
  detached.classes.push({ className: HOSTILE.mention, counts: [0, 1, 2], perIteration: 0.29, bytes: 10 });
  ignored.headline = HOSTILE.ansi;
  s.url = `http://127.0.0.1:4000/${HOSTILE.script}?q=${HOSTILE.cdataEnd}`;
  s.hidden.internals.push({ reason: HOSTILE.img, objects: 1 });
  s.hidden.browserClasses[0].headline = HOSTILE.script;
  const f = failedScenario();
  f.error = { step: HOSTILE.attr, message: `${HOSTILE.script}\n${HOSTILE.ansi} ${HOSTILE.cdataEnd} ${HOSTILE.control}` };
  return huntResult([s, f]);
}
