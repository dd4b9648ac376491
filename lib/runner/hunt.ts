// One hunt: drive a page through a loop and turn three heap snapshots into a verdict.
// Everything runs over one CDP session (lib/browser/cdp.ts), so a Puppeteer page, a
// Playwright page and a caller's own session go through the same code; `huntScenario`
// (sweeps, the CLI, the corpus) is `startHunt` + `iterate` + `finish` around a scenario file.
// Snapshots stream from Chromium into the parser; the baseline and middle ones are reduced
// to summaries at once, so at most one full heap graph is held at a time.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'puppeteer';
import { HeapSnapshotParser } from '../heap/parser.js';
import type { HeapSnapshot } from '../heap/snapshot.js';
import { HeapSession, type HeapSessionOptions } from '../browser/heap-session.js';
import { isPlaywrightPage, isPuppeteerPage, type HuntTarget, type PlaywrightPage } from '../browser/driver.js';
import type { CdpSession } from '../browser/cdp.js';
import { listEventListeners } from '../browser/listeners.js';
import { createSettler, type Settler } from '../browser/page-settle.js';
import { guardPage, guardSession, openUrl, type PageGuard } from '../browser/page-guard.js';
import { withInternalSourceUrl } from '../browser/internal-source.js';
import { withNavigationWatch } from '../browser/navigation-watch.js';
import type { LoadedScenario } from '../scenario/types.js';
import { resolveScenarioUrl } from '../scenario/resolve-url.js';
import { validateIterations } from '../scenario/validate.js';
import { summarizeSnapshot, type SnapshotSummary } from '../analysis/summary.js';
import { computeVerdict, type ListenerCount, type VerdictInput } from '../analysis/verdict.js';
import { typeUnknownListeners } from './listener-types.js';
import type { CounterSample, ScenarioResult } from '../analysis/result.js';
import { ScenarioError, UsageError } from '../errors.js';
import { ScriptCatalog } from '../browser/scripts.js';
import { SourceMaps } from '../browser/source-maps.js';
import { startAllocationTracking } from '../browser/allocation-tracking.js';
import { attachAllocationSites } from './allocations.js';
import { classSourcesOfLeaks, headlineIsLibrary } from './class-sources.js';

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
  /** `--allocations`: track allocations from the baseline on; each leak gets its allocation stacks. */
  allocations?: boolean;
  /** Filled with milliseconds per phase (`settle`, `gc+counters`, `snapshot capture`…), for benchmarks. */
  phases?: Record<string, number>;
  /** Hunt on this page rather than on a fresh context's (inspect keeps the window the user sees). */
  page?: Page;
  /**
   * Runs after a verdict while the hunt's session is still attached, so heap ids in the
   * result resolve (inspect exposes leaks with it); the hunt closes once it settles.
   */
  whileOpen?: (hunt: Hunt, result: ScenarioResult) => Promise<void>;
}

export type HuntStep = 'load' | 'setup' | 'warm-up' | 'baseline' | 'iterate' | 'middle' | 'final' | 'analyse';

const STEP_TITLES: Record<HuntStep, string> = {
  load: 'open the page',
  setup: 'run setup',
  'warm-up': 'warm-up iteration',
  baseline: 'baseline snapshot',
  iterate: 'iteration',
  middle: 'middle snapshot',
  final: 'final snapshot',
  analyse: 'analyse',
};

/** How progress displays name a step (`iteration 3/6`). */
export function stepLabel(step: HuntStep, detail?: string): string {
  return detail ? `${STEP_TITLES[step]} ${detail}` : STEP_TITLES[step];
}

export interface StartHuntOptions {
  /** Shown in reports and in error messages (default `hunt`). */
  name?: string;
  /** Iterations of `iterate()` unless it is given its own (default 6, at least 2). */
  iterations?: number;
  /** Write each snapshot as a .heapsnapshot file here (opens in Chrome DevTools). */
  saveSnapshotsDir?: string;
  /** Leak signatures (or class names) accepted, e.g. from a previous run. */
  accept?: readonly string[];
  /** Class names or retainer patterns never to report. */
  ignore?: readonly string[];
  /** Called as the hunt moves from step to step, for progress display. */
  onStep?: (step: HuntStep, detail?: string) => void;
  /** `--allocations`: track allocations from the baseline on; each leak gets its allocation stacks. */
  allocations?: boolean;
  /** Filled with milliseconds per phase (`settle`, `gc+counters`, `snapshot capture`…), for benchmarks. */
  phases?: Record<string, number>;
}

export type { HuntTarget, PlaywrightPage, CdpSession };

/**
 * A hunt in progress on one page. `iterate` never throws for what the page does (a step
 * that throws, a crash, a browser exit): `finish()` then returns `status: 'failed'` with the
 * step and a one-line message, like a scenario in a sweep.
 */
export interface Hunt {
  /** Stays attached after `finish()`, so heap object ids from the result stay valid until `close()`. */
  readonly heap: HeapSession;
  /**
   * One warm-up iteration, baseline snapshot, `iterations` × (action, back) with counters,
   * the middle snapshot after half of them, the final snapshot. Runs once per hunt.
   */
  iterate(action: () => unknown | Promise<unknown>, back?: () => unknown | Promise<unknown>, opts?: { iterations?: number }): Promise<void>;
  /** The verdict (`computeVerdict`): the same ScenarioResult the reports take. */
  finish(): Promise<ScenarioResult>;
  /** Detaches the CDP session leakhound opened (a session you passed stays yours); idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a hunt on a page as it is now: a Puppeteer Page, a Playwright Page (Chromium) or a
 * CDP session attached to the page. Load the page first; call `iterate`, then `finish`.
 */
export async function startHunt(target: HuntTarget, opts: StartHuntOptions = {}): Promise<Hunt> {
  return HuntRun.open(target, opts);
}

/** Runs one scenario in a fresh browser context and returns its result; never throws for page errors. */
export async function huntScenario(browser: Browser, loaded: LoadedScenario, opts: HuntOptions = {}): Promise<ScenarioResult> {
  const sc = loaded.scenario;
  const iterations = validateIterations(opts.iterations ?? sc.iterations ?? DEFAULT_ITERATIONS, 'iterations');
  const result = emptyResult(loaded.name, iterations);
  result.file = loaded.file;
  let context: BrowserContext | undefined;
  let run: HuntRun | undefined;
  try {
    result.url = resolveScenarioUrl(sc.url, opts.baseUrl);
    let t = performance.now();
    // A fresh context per scenario (unless the caller brings its page): no cookies, storage
    // or service workers carry over.
    const page = opts.page ?? (await (context = await browser.createBrowserContext()).newPage());
    addPhase(opts.phases, 'new page', performance.now() - t);
    t = performance.now();
    // Opened before the page loads, so every script the page parses is seen and every
    // request it starts is tracked by the settle rule.
    run = await HuntRun.open(page, { ...opts, name: loaded.name, iterations, ignore: sc.ignore }, result);
    addPhase(opts.phases, 'attach', performance.now() - t);
    const t0 = Date.now();
    run.enter('load');
    await run.step('open', () => openUrl(page, result.url, loaded.name));
    await run.settle('settle');
    run.enter('setup');
    if (sc.setup) await run.step('setup', () => sc.setup!(page));
    await run.settle('settle');
    await run.iterate(() => sc.action(page), sc.back ? () => sc.back!(page) : undefined);
    result.timings.loadMs += run.startedAt - t0;
    const done = await run.finish();
    if (opts.whileOpen && done.status !== 'failed') await opts.whileOpen(run, done);
    return done;
  } catch (err) {
    // Only what happens before the hunt is running lands here; the hunt records its own.
    run?.fail(err);
    if (!run) recordFailure(result, err, 'load');
    return result;
  } finally {
    const t = performance.now();
    await run?.close();
    await context?.close().catch(() => undefined);
    addPhase(opts.phases, 'close page', performance.now() - t);
  }
}

function addPhase(phases: Record<string, number> | undefined, name: string, ms: number): void {
  if (phases) phases[name] = (phases[name] ?? 0) + ms;
}

type Snap = { snapshot: HeapSnapshot; listeners: ListenerCount[] };

class HuntRun implements Hunt {
  readonly result: ScenarioResult;
  #currentStep: HuntStep = 'load';
  #state: 'ready' | 'iterating' | 'iterated' | 'finished' | 'failed' = 'ready';
  #final: Snap | undefined;
  #baseline: SnapshotSummary | undefined;
  #middle: SnapshotSummary | undefined;
  #listeners: ListenerCount[][] = [];
  #saved: string[] = [];
  /** backendNodeId → label, shared by the three listener listings. */
  readonly #nodeLabels = new Map<number, string>();
  #closed = false;
  /** When `iterate()` began: a scenario's load time is measured up to here. */
  startedAt = Date.now();

  private constructor(
    readonly heap: HeapSession,
    readonly guard: PageGuard,
    readonly settler: Settler,
    readonly opts: StartHuntOptions,
    result: ScenarioResult,
  ) {
    this.result = result;
    this.scripts = new ScriptCatalog(heap.cdp);
    this.maps = new SourceMaps(heap.cdp, this.scripts);
  }

  /** The page's scripts and their source maps: allocation frames and class origins. */
  readonly scripts: ScriptCatalog;
  readonly maps: SourceMaps;

  static async open(target: HuntTarget, opts: StartHuntOptions, result?: ScenarioResult, heapOpts: HeapSessionOptions = {}): Promise<HuntRun> {
    const name = opts.name ?? 'hunt';
    const iterations = validateIterations(opts.iterations ?? DEFAULT_ITERATIONS, 'iterations');
    const heap = await HeapSession.open(target, heapOpts);
    let guard: PageGuard | undefined;
    try {
      if (isPuppeteerPage(target)) {
        guard = guardPage(target, name);
      } else {
        await heap.cdp.send('Inspector.enable');
        // A caller's bare session has no driver answering dialogs; Playwright answers its own.
        const bare = !isPlaywrightPage(target);
        if (bare) await heap.cdp.send('Page.enable');
        guard = guardSession(heap.cdp, name, { answerDialogs: bare });
      }
      const settler = await createSettler(heap.cdp);
      return new HuntRun(heap, guard, settler, opts, result ?? emptyResult(name, iterations));
    } catch (err) {
      guard?.dispose();
      await heap.close();
      throw err;
    }
  }

  get name(): string {
    return this.result.name;
  }

  enter(s: HuntStep, detail?: string): void {
    this.#currentStep = s;
    this.opts.onStep?.(s, detail);
  }

  async step<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
    const t = performance.now();
    try {
      return await this.guard.step(label, fn);
    } finally {
      this.#phase(phaseOf(label), performance.now() - t);
    }
  }

  #phase(name: string, ms: number): void {
    addPhase(this.opts.phases, name, ms);
  }

  async settle(label: string): Promise<void> {
    await this.step(label, () => this.settler.settle());
  }

  fail(err: unknown): void {
    if (this.#state === 'failed') return;
    this.#state = 'failed';
    this.#final = undefined;
    recordFailure(this.result, err, this.#currentStep);
  }

  async iterate(action: () => unknown, back?: () => unknown, o: { iterations?: number } = {}): Promise<void> {
    if (this.#closed) throw new UsageError(`${this.name}: iterate() after close()`);
    if (this.#state !== 'ready') throw new UsageError(`${this.name}: iterate() runs once per hunt; start another hunt for another loop`);
    const iterations = validateIterations(o.iterations ?? this.opts.iterations ?? this.result.iterations, 'iterations');
    this.result.iterations = iterations;
    this.#state = 'iterating';
    try {
      // A loop that leaves the document cannot be judged: each action and back is checked.
      await withNavigationWatch(this.heap.cdp, (nav) => this.#loop(nav.checked(action), back && nav.checked(back), iterations));
      this.#state = 'iterated';
    } catch (err) {
      this.fail(err);
    }
  }

  async #loop(action: () => unknown, back: (() => unknown) | undefined, iterations: number): Promise<void> {
    const { result, heap } = this;
    const firstHalf = Math.floor(iterations / 2);
    this.startedAt = Date.now();
    if (!result.url) result.url = await this.step('open', () => pageUrl(heap.cdp)).catch(() => '');
    // Handles that exist now (the caller's, setup's) are theirs to keep, not leaks to release.
    heap.keepCurrentHandles();
    this.enter('warm-up');
    await this.#iteration(action, back, '(warm-up)');
    result.timings.loadMs = Date.now() - this.startedAt;

    const base = await this.#snap('baseline', 0);
    this.#baseline = this.#timed(() => summarizeSnapshot(base.snapshot));
    if (this.opts.allocations) await this.step('start allocation tracking', () => startAllocationTracking(heap.cdp));
    this.#listeners.push(base.listeners);
    const ti = Date.now();
    let snapInLoop = 0;
    for (let i = 1; i <= iterations; i++) {
      this.enter('iterate', `${i}/${iterations}`);
      await this.#iteration(action, back, `#${i}`);
      // Where a snapshot follows, its own collections serve the counters too.
      if (i !== firstHalf && i !== iterations) await this.#sample(i);
      if (i === firstHalf) {
        const tm = Date.now();
        const mid = await this.#snap('middle', i);
        this.#middle = this.#timed(() => summarizeSnapshot(mid.snapshot));
        this.#listeners.push(mid.listeners);
        snapInLoop += Date.now() - tm;
      }
    }
    result.timings.iterationsMs = Date.now() - ti - snapInLoop;
    this.#final = await this.#snap('final', iterations);
    this.#listeners.push(this.#final.listeners);
    if (this.#saved.length) result.snapshots = this.#saved;
  }

  async #iteration(action: () => unknown, back: (() => unknown) | undefined, which: string): Promise<void> {
    await this.step(`action ${which}`, action);
    if (back) await this.step(`back ${which}`, back);
    await this.settle(`settle ${which}`);
  }

  async #sample(iteration: number): Promise<void> {
    const c = await this.step(`counters #${iteration}`, async () => {
      // Released as before a snapshot, so every sample counts the same things.
      await this.heap.releaseInspectorState();
      // One collection per sample: counters only draw the report's trend (the verdict reads
      // snapshots), and a second full GC every iteration costs more than it sharpens that.
      await this.heap.collectGarbage(1);
      return this.heap.counters();
    });
    this.result.counters.push({ iteration, ...c } satisfies CounterSample);
  }

  async #snap(label: 'baseline' | 'middle' | 'final', iteration: number): Promise<Snap> {
    const { heap } = this;
    this.enter(label);
    const ts = Date.now();
    await this.step(`${label} cleanup`, () => heap.releaseInspectorState());
    const listeners = await this.step(`${label} listeners`, () => listEventListeners(heap.cdp, this.#nodeLabels));
    // Inside guarded steps: a crash here would otherwise wait out the protocol timeout.
    const counters = await this.step(`${label} cleanup`, async () => {
      await heap.releaseInspectorState();
      await heap.collectGarbage();
      return heap.counters();
    });
    this.result.counters.push({ iteration, ...counters } satisfies CounterSample);
    const snapshot = await this.step(`${label} snapshot`, () =>
      streamSnapshot(heap, label, this.opts.saveSnapshotsDir, this.name, this.#saved, (ms) => this.#phase('snapshot parse', ms)),
    );
    this.result.timings.snapshotMs += Date.now() - ts;
    return { snapshot, listeners };
  }

  #timed<T>(fn: () => T): T {
    const t = performance.now();
    try {
      return fn();
    } finally {
      const ms = performance.now() - t;
      this.result.timings.analysisMs += Math.round(ms);
      this.#phase('analysis', ms);
    }
  }

  async finish(): Promise<ScenarioResult> {
    const { result } = this;
    if (this.#state === 'failed' || this.#state === 'finished') return result;
    if (this.#state !== 'iterated') throw new UsageError(`${this.name}: call iterate() before finish()`);
    try {
      this.enter('analyse');
      const iterations = result.iterations;
      const firstHalf = Math.floor(iterations / 2);
      const input: VerdictInput = {
        baseline: this.#baseline!,
        middle: this.#middle!,
        final: this.#final!.snapshot,
        firstHalf,
        secondHalf: iterations - firstHalf,
        listeners: [this.#listeners[0]!, this.#listeners[1] ?? [], this.#listeners[2] ?? []],
        hiddenScriptIds: this.heap.internalScriptIds,
        ignore: [...(this.opts.ignore ?? []), ...(this.opts.accept ?? [])],
      };
      let verdict = this.#timed(() => computeVerdict(input));
      // A bundle holds page and library classes alike: its source map tells them apart.
      // Maps and allocation stacks are extras: a page that dies now costs them, not the verdict.
      try {
        const classSources = await this.step('source maps', () => classSourcesOfLeaks(input.final, verdict.leaks, this.maps, this.scripts));
        if (headlineIsLibrary(verdict.leaks, classSources)) verdict = this.#timed(() => computeVerdict({ ...input, classSources }));
        const ctx = { scripts: this.scripts, maps: this.maps, hiddenScriptIds: input.hiddenScriptIds };
        if (this.opts.allocations) await this.step('allocation sites', () => attachAllocationSites(input.final, verdict.leaks, ctx));
      } catch {
        // The verdict stands without them.
      }
      result.leaks = verdict.leaks;
      result.hidden = verdict.hidden;
      // Ids of the final snapshot still resolve on this session: ask the page what it can tell.
      await this.step('listener types', () => typeUnknownListeners(this.heap.cdp, verdict.leaks));
      result.status = verdict.leaks.some((l) => !l.ignored) ? 'leaks' : 'clean';
      this.#state = 'finished';
    } catch (err) {
      this.fail(err);
    }
    // The full graph is not needed any more; only one is ever alive at a time.
    this.#final = undefined;
    return result;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.guard.dispose();
    this.settler.dispose();
    this.scripts.dispose();
    await this.heap.close();
  }
}

function emptyResult(name: string, iterations: number): ScenarioResult {
  return {
    name,
    file: '',
    url: '',
    status: 'clean',
    iterations,
    leaks: [],
    counters: [],
    hidden: { internals: [], browserClasses: [] },
    timings: { loadMs: 0, iterationsMs: 0, snapshotMs: 0, analysisMs: 0 },
  };
}

function recordFailure(result: ScenarioResult, err: unknown, step: string): void {
  result.status = 'failed';
  const message = err instanceof Error ? err.message : String(err);
  result.error = { step: err instanceof ScenarioError ? err.step : step, message: oneLine(message) };
}

async function pageUrl(cdp: CdpSession): Promise<string> {
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: withInternalSourceUrl('location.href', 'url'),
    returnByValue: true,
  });
  return typeof result?.value === 'string' ? result.value : '';
}

async function streamSnapshot(
  heap: HeapSession,
  label: string,
  dir: string | undefined,
  scenarioName: string,
  saved: string[],
  onParseTime?: (ms: number) => void,
): Promise<HeapSnapshot> {
  const parser = new HeapSnapshotParser({ source: `${label} snapshot` });
  let file: WriteStream | undefined;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${safeFileName(scenarioName)}-${label}.heapsnapshot`);
    file = createWriteStream(path);
    saved.push(path);
  }
  let parseMs = 0;
  await heap.takeSnapshot((chunk) => {
    const t = performance.now();
    parser.write(chunk);
    parseMs += performance.now() - t;
    file?.write(chunk);
  });
  if (file) await new Promise<void>((res, rej) => file!.end((err?: Error | null) => (err ? rej(err) : res())));
  const t = performance.now();
  const snapshot = parser.end();
  onParseTime?.(parseMs + performance.now() - t);
  return snapshot;
}

/** The bench's phase for a guarded step label (`settle #3` → `settle`). */
function phaseOf(label: string): string {
  if (label.startsWith('settle')) return 'settle';
  if (label.startsWith('action') || label.startsWith('back')) return 'actions';
  if (label.startsWith('counters')) return 'gc+counters';
  if (label.endsWith('listeners')) return 'listeners';
  if (label.endsWith('cleanup')) return 'cleanup+gc';
  // Capture includes the parse of chunks as they arrive; the bench subtracts `snapshot parse`.
  if (label.endsWith('snapshot')) return 'snapshot capture';
  return label;
}

export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'scenario';
}

function oneLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean)[0] ?? text;
}
