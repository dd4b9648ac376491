// One hunt: drive a page through a scenario and turn three heap snapshots into a verdict.
// Snapshots stream from Chromium into the parser; the baseline and middle ones are reduced
// to summaries at once, so at most one full heap graph is held at a time.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'puppeteer';
import { HeapSnapshotParser } from '../heap/parser.js';
import type { HeapSnapshot } from '../heap/snapshot.js';
import { HeapSession } from '../browser/heap-session.js';
import { listEventListeners } from '../browser/listeners.js';
import { settle } from '../browser/page-settle.js';
import { guardPage, openUrl, type PageGuard } from '../browser/page-guard.js';
import type { LoadedScenario } from '../scenario/types.js';
import { resolveScenarioUrl } from '../scenario/resolve-url.js';
import { summarizeSnapshot, type SnapshotSummary } from '../analysis/summary.js';
import { computeVerdict, type ListenerCount } from '../analysis/verdict.js';
import type { CounterSample, ScenarioResult } from '../analysis/result.js';
import { ScenarioError } from '../errors.js';

export const DEFAULT_ITERATIONS = 6;

export interface HuntOptions {
  /** `--url`: the page, or the base that relative scenario urls join. */
  baseUrl?: string;
  /** Overrides the scenario's own `iterations`. */
  iterations?: number;
  /** Write each snapshot as a .heapsnapshot file here (opens in Chrome DevTools). */
  saveSnapshotsDir?: string;
  /** Leak signatures (or class names) accepted for every scenario, e.g. from a previous run. */
  accept?: readonly string[];
  /** Called as the hunt moves from step to step, for progress display. */
  onStep?: (step: HuntStep, detail?: string) => void;
}

export type HuntStep = 'load' | 'setup' | 'warm-up' | 'baseline' | 'iterate' | 'middle' | 'final' | 'analyse';

/** Runs one scenario in a fresh browser context and returns its result; never throws for page errors. */
export async function huntScenario(browser: Browser, loaded: LoadedScenario, opts: HuntOptions = {}): Promise<ScenarioResult> {
  const sc = loaded.scenario;
  const iterations = opts.iterations ?? sc.iterations ?? DEFAULT_ITERATIONS;
  const firstHalf = Math.floor(iterations / 2);
  const secondHalf = iterations - firstHalf;
  const result: ScenarioResult = {
    name: loaded.name,
    file: loaded.file,
    url: '',
    status: 'clean',
    iterations,
    leaks: [],
    counters: [],
    hidden: { internals: [], browserClasses: [] },
    timings: { loadMs: 0, iterationsMs: 0, snapshotMs: 0, analysisMs: 0 },
  };
  let step: HuntStep = 'load';
  const enter = (s: HuntStep, detail?: string) => {
    step = s;
    opts.onStep?.(s, detail);
  };

  let context: BrowserContext | undefined;
  let guard: PageGuard | undefined;
  let session: HeapSession | undefined;
  try {
    result.url = resolveScenarioUrl(sc.url, opts.baseUrl);
    // A fresh context per scenario: no cookies, storage or service workers carry over.
    context = await browser.createBrowserContext();
    const page = await context.newPage();
    guard = guardPage(page, loaded.name);
    const heap = await HeapSession.open(page);
    session = heap;
    const t0 = Date.now();

    enter('load');
    await guard.step('open', () => openUrl(page, result.url, loaded.name));
    await guard.step('settle', () => settle(page));
    enter('setup');
    if (sc.setup) await guard.step('setup', () => sc.setup!(page));
    await guard.step('settle', () => settle(page));
    // Handles the scenario kept from setup are its own business, not leaks to release.
    heap.keepCurrentHandles();
    enter('warm-up');
    await runIteration(guard, sc, page, '(warm-up)');
    result.timings.loadMs = Date.now() - t0;

    const saved: string[] = [];
    const snap = async (label: 'baseline' | 'middle' | 'final'): Promise<{ snapshot: HeapSnapshot; listeners: ListenerCount[] }> => {
      enter(label);
      const ts = Date.now();
      await guard!.step(`${label} cleanup`, () => heap.releaseInspectorState());
      const listeners = await guard!.step(`${label} listeners`, () => listEventListeners(heap.cdp));
      // Inside guarded steps: a crash here would otherwise wait out the protocol timeout.
      await guard!.step(`${label} cleanup`, async () => {
        await heap.releaseInspectorState();
        await heap.collectGarbage();
      });
      const snapshot = await guard!.step(`${label} snapshot`, () =>
        streamSnapshot(heap, label, opts.saveSnapshotsDir, loaded.name, saved),
      );
      result.timings.snapshotMs += Date.now() - ts;
      return { snapshot, listeners };
    };
    const sample = async (iteration: number) => {
      const c = await guard!.step(`counters #${iteration}`, async () => {
        await heap.collectGarbage();
        return heap.counters();
      });
      result.counters.push({ iteration, ...c } satisfies CounterSample);
    };

    await sample(0);
    const base = await snap('baseline');
    const baseline = timed(result, () => summarizeSnapshot(base.snapshot));
    let middle: SnapshotSummary | undefined;
    let middleListeners: ListenerCount[] = [];
    const ti = Date.now();
    let snapInLoop = 0;
    for (let i = 1; i <= iterations; i++) {
      enter('iterate', `${i}/${iterations}`);
      await runIteration(guard, sc, page, `#${i}`);
      await sample(i);
      if (i === firstHalf) {
        const tm = Date.now();
        const mid = await snap('middle');
        middle = timed(result, () => summarizeSnapshot(mid.snapshot));
        middleListeners = mid.listeners;
        snapInLoop += Date.now() - tm;
      }
    }
    result.timings.iterationsMs = Date.now() - ti - snapInLoop;
    const fin = await snap('final');
    if (saved.length) result.snapshots = saved;

    enter('analyse');
    const verdict = timed(result, () =>
      computeVerdict({
        baseline,
        middle: middle!,
        final: fin.snapshot,
        firstHalf,
        secondHalf,
        listeners: [base.listeners, middleListeners, fin.listeners],
        hiddenScriptIds: heap.internalScriptIds,
        ignore: [...(sc.ignore ?? []), ...(opts.accept ?? [])],
      }),
    );
    result.leaks = verdict.leaks;
    result.hidden = verdict.hidden;
    result.status = verdict.leaks.some((l) => !l.ignored) ? 'leaks' : 'clean';
  } catch (err) {
    result.status = 'failed';
    const message = err instanceof Error ? err.message : String(err);
    result.error = { step: err instanceof ScenarioError ? err.step : step, message: oneLine(message) };
  } finally {
    guard?.dispose();
    await session?.close();
    await context?.close().catch(() => undefined);
  }
  return result;
}

async function runIteration(guard: PageGuard, sc: LoadedScenario['scenario'], page: Page, which: string): Promise<void> {
  await guard.step(`action ${which}`, () => sc.action(page));
  if (sc.back) await guard.step(`back ${which}`, () => sc.back!(page));
  await guard.step(`settle ${which}`, () => settle(page));
}

async function streamSnapshot(
  heap: HeapSession,
  label: string,
  dir: string | undefined,
  scenarioName: string,
  saved: string[],
): Promise<HeapSnapshot> {
  const parser = new HeapSnapshotParser({ source: `${label} snapshot` });
  let file: WriteStream | undefined;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${safeFileName(scenarioName)}-${label}.heapsnapshot`);
    file = createWriteStream(path);
    saved.push(path);
  }
  await heap.takeSnapshot((chunk) => {
    parser.write(chunk);
    file?.write(chunk);
  });
  if (file) await new Promise<void>((res, rej) => file!.end((err?: Error | null) => (err ? rej(err) : res())));
  return parser.end();
}

function timed<T>(result: ScenarioResult, fn: () => T): T {
  const t = Date.now();
  try {
    return fn();
  } finally {
    result.timings.analysisMs += Date.now() - t;
  }
}

export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'scenario';
}

function oneLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean)[0] ?? text;
}
