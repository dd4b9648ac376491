// A sweep: one browser, many scenarios, one HuntResult. Each step is a listr2 task so a
// user sees where a long hunt is; in CI (no TTY) the plain renderer prints one line per
// step instead of redrawing. Progress goes to stderr; results are only returned.
import { Listr, ListrLogger, ProcessOutput, type ListrTask } from 'listr2';
import { launchBrowser, type LaunchedBrowser } from '../browser/launch.js';
import { loadScenario } from '../scenario/load.js';
import { resolveScenarioUrl } from '../scenario/resolve-url.js';
import type { LoadedScenario } from '../scenario/types.js';
import { huntScenario, type HuntOptions, type HuntStep } from './hunt.js';
import { RESULT_SCHEMA_VERSION, type HuntResult, type ScenarioResult } from '../analysis/result.js';
import { BrowserError } from '../errors.js';

export interface SweepOptions extends Omit<HuntOptions, 'onStep'> {
  scenarioFiles: string[];
  browser?: string;
  headful?: boolean;
  /** 'default' redraws in place (TTY), 'simple' prints lines (CI), 'silent' prints nothing. */
  progress?: 'default' | 'simple' | 'silent';
  toolVersion: string;
  /** Called after each scenario, so callers can persist partial results. */
  onScenarioDone?: (result: ScenarioResult, soFar: HuntResult) => void;
}

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

/**
 * Loads every scenario first (a typo fails fast, before a browser starts), then hunts them
 * one after another in one browser. A scenario that fails is recorded and the sweep goes on;
 * a browser that cannot start is thrown as BrowserError with whatever was computed.
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
  const loaded: LoadedScenario[] = [];
  for (const file of opts.scenarioFiles) {
    const sc = await loadScenario(file);
    // A relative url with no --url is the user's mistake: say so before starting a browser.
    resolveScenarioUrl(sc.scenario.url, opts.baseUrl);
    loaded.push(sc);
  }

  let launched: LaunchedBrowser | undefined;
  const tasks: ListrTask[] = [
    {
      title: 'Start Chromium',
      task: async (_ctx, task) => {
        const t = Date.now();
        launched = await launchBrowser({ browser: opts.browser, headful: opts.headful });
        result.browser = { path: launched.path, version: launched.version };
        task.title = `Start Chromium (${launched.version}, ${Date.now() - t} ms)`;
        launchMs = Date.now() - t;
      },
    },
    ...loaded.map(
      (sc): ListrTask => ({
        title: sc.name,
        task: async (_ctx, task) => {
          if (!launched) throw new BrowserError('the browser is not running');
          const r = await huntScenario(launched.browser, sc, {
            baseUrl: opts.baseUrl,
            iterations: opts.iterations,
            saveSnapshotsDir: opts.saveSnapshotsDir,
            accept: opts.accept,
            onStep: (step, detail) => {
              task.output = detail ? `${STEP_TITLES[step]} ${detail}` : STEP_TITLES[step];
            },
          });
          if (result.scenarios.length === 0 && launchMs !== undefined) r.timings.launchMs = launchMs;
          result.scenarios.push(r);
          result.durationMs = Date.now() - started;
          opts.onScenarioDone?.(r, result);
          const verdict =
            r.status === 'failed' ? `failed at ${r.error?.step}` : r.status === 'leaks' ? `${r.leaks.filter((l) => !l.ignored).length} leak(s)` : 'clean';
          task.title = `${sc.name}: ${verdict}`;
        },
      }),
    ),
  ];
  let launchMs: number | undefined;
  const list = new Listr(tasks, {
    renderer: opts.progress === 'silent' ? 'silent' : opts.progress === 'simple' ? 'simple' : 'default',
    fallbackRenderer: opts.progress === 'silent' ? 'silent' : 'simple',
    // Progress belongs on stderr: stdout carries the report (or JSON) a caller may pipe.
    fallbackRendererCondition: () => !process.stderr.isTTY || !!process.env.CI,
    exitOnError: true,
    rendererOptions: { collapseSubtasks: false, logger: stderrLogger() },
    fallbackRendererOptions: { logger: stderrLogger() },
  });
  try {
    await list.run();
  } finally {
    await launched?.browser.close().catch(() => undefined);
    result.durationMs = Date.now() - started;
  }
  return result;
}

function stderrLogger(): ListrLogger {
  return new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) });
}
