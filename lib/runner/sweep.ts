// A sweep: one browser, many scenarios, one HuntResult. Each step is a listr2 task so a
// user sees where a long hunt is; in CI (no TTY) the plain renderer prints one line per
// step instead of redrawing. Progress goes to stderr; results are only returned.
// With --workers N, N scenarios run at once, each in its own browser context of the same
// browser (separate renderer processes, so their heaps and counters never mix).
import { Listr, ListrLogger, ProcessOutput, type ListrTask } from 'listr2';
import { loadScenario } from '../scenario/load.js';
import { resolveScenarioUrl } from '../scenario/resolve-url.js';
import type { LoadedScenario } from '../scenario/types.js';
import { DEFAULT_ITERATIONS, huntScenario, stepLabel, type HuntOptions } from './hunt.js';
import { RESULT_SCHEMA_VERSION, type HuntResult, type ScenarioResult, type ShardInfo } from '../analysis/result.js';
import { ALLOCATION_TRACKING_JS_FLAGS, withJsFlags } from '../browser/allocation-tracking.js';
import { BrowserSupply, OrderedResults, workerCount } from './workers.js';

export interface SweepOptions extends Omit<HuntOptions, 'onStep'> {
  scenarioFiles: string[];
  /** `--action-steps` for Recorder flows (.json): 1-based step numbers, e.g. `3-7`. */
  actionSteps?: string;
  browser?: string;
  headful?: boolean;
  /** Extra Chromium flags for a launched browser. */
  browserArgs?: string[];
  /** `--connect`: a ws:// or http:// DevTools endpoint of a running browser, used instead of launching one. */
  connect?: string;
  /** Scenarios hunted at once (default 1), each in its own browser context. */
  workers?: number;
  /** Recorded in the result so `leakhound merge` can restore the unsharded order. */
  shard?: ShardInfo;
  /** 'default' redraws in place (TTY), 'simple' prints lines (CI), 'silent' prints nothing. */
  progress?: 'default' | 'simple' | 'silent';
  toolVersion: string;
  /** Called after each scenario, so callers can persist partial results (scenario order, gaps closed). */
  onScenarioDone?: (result: ScenarioResult, soFar: HuntResult) => void;
}


/**
 * Loads every scenario first (a typo fails fast, before a browser starts), then hunts them,
 * N at a time. A scenario that fails is recorded and the sweep goes on; a launched browser
 * that crashes is launched again for the scenarios after it. A browser that cannot start
 * (or an endpoint that does not answer) is thrown as BrowserError.
 */
export async function runSweep(opts: SweepOptions): Promise<HuntResult> {
  const started = Date.now();
  const result: HuntResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'leakhound', version: opts.toolVersion },
    browser: null,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    scenarios: [],
  };
  if (opts.shard) result.shard = opts.shard;
  const loaded: LoadedScenario[] = [];
  for (const file of opts.scenarioFiles) {
    const sc = await loadScenario(file, { actionSteps: opts.actionSteps, baseUrl: opts.baseUrl });
    // A relative url with no --url is the user's mistake: say so before starting a browser.
    resolveScenarioUrl(sc.scenario.url, opts.baseUrl);
    loaded.push(sc);
  }

  const supply = opts.connect
    ? BrowserSupply.connect({ endpoint: opts.connect })
    : BrowserSupply.launch({ browser: opts.browser, headful: opts.headful, args: opts.allocations ? withJsFlags(opts.browserArgs ?? [], ALLOCATION_TRACKING_JS_FLAGS) : opts.browserArgs });
  const done = new OrderedResults<ScenarioResult>(loaded.length);
  let launchMs: number | undefined;

  const scenarioTask = (sc: LoadedScenario, index: number): ListrTask => ({
    title: sc.name,
    task: async (_ctx, task) => {
      const relaunchesBefore = supply.relaunches;
      let r: ScenarioResult;
      try {
        const browser = await supply.get();
        r = await huntScenario(browser, sc, {
          baseUrl: opts.baseUrl,
          iterations: opts.iterations,
          saveSnapshotsDir: opts.saveSnapshotsDir,
          accept: opts.accept,
          allocations: opts.allocations,
          onStep: (step, detail) => {
            task.output = stepLabel(step, detail);
          },
        });
      } catch (err) {
        // Only the browser supply throws here (the hunt records its own failures).
        r = failedResult(sc, opts.iterations, 'browser', err);
      }
      if (index === 0 && launchMs !== undefined) r.timings.launchMs = launchMs;
      done.set(index, r);
      result.scenarios = done.done();
      result.durationMs = Date.now() - started;
      opts.onScenarioDone?.(r, result);
      const verdict =
        r.status === 'failed' ? `failed at ${r.error?.step}` : r.status === 'leaks' ? `${r.leaks.filter((l) => !l.ignored).length} leak(s)` : 'clean';
      const note = supply.relaunches > relaunchesBefore ? ' (browser relaunched)' : '';
      task.title = `${sc.name}: ${verdict}${note}`;
    },
  });

  const listOptions = (concurrent: number | false) => ({
    concurrent,
    renderer: opts.progress === 'silent' ? ('silent' as const) : opts.progress === 'simple' ? ('simple' as const) : ('default' as const),
    fallbackRenderer: opts.progress === 'silent' ? ('silent' as const) : ('simple' as const),
    // Progress belongs on stderr: stdout carries the report (or JSON) a caller may pipe.
    fallbackRendererCondition: () => !process.stderr.isTTY || !!process.env.CI,
    exitOnError: true,
    rendererOptions: { collapseSubtasks: false, logger: stderrLogger() },
    fallbackRendererOptions: { logger: stderrLogger() },
  });
  const workers = workerCount(opts.workers, loaded.length);
  try {
    await new Listr(
      [
        {
          title: opts.connect ? 'Connect to the browser' : 'Start Chromium',
          task: async (_ctx, task) => {
            const t = Date.now();
            const b = await supply.start();
            result.browser = { path: b.path, version: b.version };
            launchMs = Date.now() - t;
            task.title = `${opts.connect ? `Connected to ${b.path}` : 'Start Chromium'} (${b.version}, ${launchMs} ms)`;
          },
        },
      ],
      listOptions(false),
    ).run();
    // A second list so that only the hunts run concurrently, after the browser is up.
    await new Listr(loaded.map(scenarioTask), listOptions(workers > 1 ? workers : false)).run();
  } finally {
    await supply.close();
    result.durationMs = Date.now() - started;
  }
  result.scenarios = done.done();
  return result;
}

function failedResult(sc: LoadedScenario, iterations: number | undefined, step: string, err: unknown): ScenarioResult {
  const message = err instanceof Error ? err.message : String(err);
  return {
    name: sc.name,
    file: sc.file,
    url: '',
    status: 'failed',
    iterations: iterations ?? sc.scenario.iterations ?? DEFAULT_ITERATIONS,
    error: { step, message: message.split('\n')[0] ?? message },
    leaks: [],
    counters: [],
    hidden: { internals: [], browserClasses: [] },
    timings: { loadMs: 0, iterationsMs: 0, snapshotMs: 0, analysisMs: 0 },
  };
}

function stderrLogger(): ListrLogger {
  return new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) });
}
