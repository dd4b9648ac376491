// `leakhound minimize`: delta debugging (Zeller's ddmin) over a Recorder flow's action steps,
// down to the shortest sub-flow whose repetition still leaks the same signature as the full
// flow. Every candidate goes through the ordinary hunt (`huntScenario`), in one browser
// launched once; each subset is hunted at most once.

import { readFile } from 'node:fs/promises';
import { Listr, ListrLogger, ProcessOutput } from 'listr2';
import type { Browser } from 'puppeteer';
import { launchBrowser, type LaunchedBrowser } from '../browser/launch.js';
import { parseRecorderFlow, splitFlow, subFlowJson, type FlowSplit, type RecorderFlow } from '../scenario/recorder.js';
import { DEFAULT_STEP_TIMEOUT, recorderScenario } from '../scenario/recorder-replay.js';
import { resolveScenarioUrl } from '../scenario/resolve-url.js';
import { validateIterations } from '../scenario/validate.js';
import type { Leak, ScenarioResult } from '../analysis/result.js';
import { BrowserError, ScenarioError, UsageError } from '../errors.js';
import { DEFAULT_ITERATIONS, huntScenario } from './hunt.js';

export const DEFAULT_MAX_HUNTS = 40;

// ---------------------------------------------------------------------------------------
// ddmin

export interface DdminOptions {
  /** Most distinct subsets to test; the smallest reproducing set so far is returned after. */
  maxTests?: number;
  /** Called before each (uncached) test. */
  onTest?: (subset: readonly number[], tests: number) => void;
}

export interface DdminResult {
  /** Indexes into the input, ascending: a 1-minimal reproducing subset (unless `exhausted`). */
  kept: number[];
  /** Distinct subsets tested (cached repeats not counted). */
  tests: number;
  /** The budget ran out before the subset was shown 1-minimal. */
  exhausted: boolean;
}

class BudgetExhausted extends Error {}

/**
 * Zeller & Hildebrandt's ddmin over `count` items (the whole set is known to reproduce).
 * `reproduces` gets a subset as ascending indexes; results are cached by subset, and the
 * complement pass is skipped at n = 2, where complements are the other half.
 */
export async function ddmin(
  count: number,
  reproduces: (subset: readonly number[]) => Promise<boolean>,
  opts: DdminOptions = {},
): Promise<DdminResult> {
  const cache = new Map<string, boolean>();
  let tests = 0;
  const test = async (subset: number[]): Promise<boolean> => {
    const key = subset.join(',');
    const known = cache.get(key);
    if (known !== undefined) return known;
    if (opts.maxTests !== undefined && tests >= opts.maxTests) throw new BudgetExhausted();
    tests++;
    opts.onTest?.(subset, tests);
    const r = await reproduces(subset);
    cache.set(key, r);
    return r;
  };
  let c = Array.from({ length: count }, (_, i) => i);
  cache.set(c.join(','), true);
  let n = 2;
  try {
    while (c.length >= 2) {
      const chunks = splitInto(c, n);
      let next: number[] | undefined;
      for (const d of chunks) {
        if (await test(d)) {
          next = d;
          n = 2;
          break;
        }
      }
      if (!next && n > 2) {
        for (const d of chunks) {
          const skip = new Set(d);
          const complement = c.filter((i) => !skip.has(i));
          if (await test(complement)) {
            next = complement;
            n = Math.max(n - 1, 2);
            break;
          }
        }
      }
      if (next) {
        c = next;
      } else {
        if (n >= c.length) break;
        n = Math.min(c.length, 2 * n);
      }
    }
  } catch (err) {
    if (err instanceof BudgetExhausted) return { kept: c, tests, exhausted: true };
    throw err;
  }
  return { kept: c, tests, exhausted: false };
}

function splitInto(items: number[], n: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (let k = 0; k < n; k++) {
    const end = start + Math.floor((items.length - start) / (n - k));
    if (end > start) out.push(items.slice(start, end));
    start = end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// minimize a Recorder flow

export interface MinimizeOptions {
  /** The Recorder .json file, as the user typed it. */
  file: string;
  actionSteps?: string;
  baseUrl?: string;
  iterations?: number;
  /** Hunts in all, the full flow's included (default 40). */
  maxHunts?: number;
  /** Which leak of the full flow to keep (default: its first). */
  signature?: string;
  browser?: string;
  headful?: boolean;
  progress?: 'default' | 'simple' | 'silent';
}

export interface MinimizeResult {
  flow: RecorderFlow;
  split: FlowSplit;
  /** The full flow's hunt. */
  full: ScenarioResult;
  /** The leak kept while minimizing; absent when the full flow does not leak. */
  target?: Leak;
  /** Action step indexes (into `flow.steps`) of the smallest leaking sub-flow found. */
  kept: number[];
  removed: number[];
  /** Hunts run, the full flow's included. */
  hunts: number;
  /** `--max-hunts` ran out: `kept` leaks but may not be minimal. */
  exhausted: boolean;
  /** The minimal flow as Recorder JSON; absent when the full flow does not leak. */
  minimal?: Record<string, unknown>;
}

/**
 * Hunts the full flow; when it leaks, ddmin over its action steps with the leak's signature
 * as the test. Scenario failures of candidates count as "does not reproduce" (a removed
 * step was needed to reach the leaking one); a failed full flow or a lost browser throws.
 */
export async function minimizeFlow(opts: MinimizeOptions): Promise<MinimizeResult> {
  const maxHunts = opts.maxHunts ?? DEFAULT_MAX_HUNTS;
  if (!Number.isInteger(maxHunts) || maxHunts < 1) throw new UsageError(`--max-hunts must be a whole number of at least 1, got ${maxHunts}`);
  if (opts.iterations !== undefined) validateIterations(opts.iterations);
  const text = await readFile(opts.file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`${opts.file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  const flow = parseRecorderFlow(text, opts.file);
  const split = splitFlow(flow, opts.file, { actionSteps: opts.actionSteps });
  const probe = recorderScenario(flow, split, { file: opts.file, baseUrl: opts.baseUrl });
  resolveScenarioUrl(probe.url, opts.baseUrl);

  let launched: LaunchedBrowser | undefined;
  let hunts = 0;
  // Most candidates that do not reproduce fail because a removed step was needed: a later
  // step then waits its whole timeout for an element that never comes. The full flow shows
  // how long steps really take; candidates wait a few times that, not replay's 5 s.
  let slowestStep = 0;
  const candidateTimeout = () => Math.min(flow.timeout ?? DEFAULT_STEP_TIMEOUT, Math.max(1000, Math.ceil(3 * slowestStep)));
  const hunt = async (browser: Browser, subset: readonly number[] | undefined): Promise<ScenarioResult> => {
    hunts++;
    const scenario = recorderScenario(flow, split, {
      file: opts.file,
      baseUrl: opts.baseUrl,
      actionSubset: subset,
      ...(subset ? { stepTimeout: candidateTimeout() } : { onStepTime: (ms: number) => void (slowestStep = Math.max(slowestStep, ms)) }),
    });
    const label = subset ? `steps ${subset.map((i) => i + 1).join(',')}` : 'full flow';
    const r = await huntScenario(browser, { file: opts.file, name: `${flow.title} (${label})`, scenario }, {
      baseUrl: opts.baseUrl,
      iterations: opts.iterations ?? DEFAULT_ITERATIONS,
    });
    // A dead browser fails every hunt after it; that is not "this subset does not leak".
    if (!browser.connected) throw new BrowserError(`the browser exited while hunting ${label} of ${opts.file}`);
    return r;
  };

  const out: Partial<MinimizeResult> = { flow, split };
  const list = new Listr(
    [
      {
        title: 'Start Chromium',
        task: async (_ctx, task) => {
          launched = await launchBrowser({ browser: opts.browser, headful: opts.headful });
          task.title = `Start Chromium (${launched.version})`;
        },
      },
      {
        title: `Hunt the full flow (${split.action.length} action step${split.action.length === 1 ? '' : 's'})`,
        task: async (_ctx, task) => {
          const full = await hunt(launched!.browser, undefined);
          out.full = full;
          if (full.status === 'failed') {
            throw new ScenarioError(full.error?.message ?? `${opts.file}: the full flow failed`, flow.title, full.error?.step ?? 'full flow');
          }
          const leaks = full.leaks.filter((l) => !l.ignored);
          out.target = opts.signature ? leaks.find((l) => l.signature === opts.signature || l.headline === opts.signature) : leaks[0];
          if (opts.signature && leaks.length && !out.target) {
            throw new UsageError(`--signature ${opts.signature}: the full flow leaks ${leaks.map((l) => `${l.headline} (${l.signature})`).join(', ')}, not that`);
          }
          task.title = out.target ? `Full flow leaks ${out.target.headline} (${out.target.signature})` : 'Full flow: no leak';
        },
      },
      {
        title: 'Minimize (ddmin)',
        skip: () => !out.target,
        task: async (_ctx, task) => {
          const target = out.target!;
          const steps = split.action;
          const r = await ddmin(
            steps.length,
            async (subset) => {
              const res = await hunt(launched!.browser, subset.map((k) => steps[k]!));
              return res.status === 'leaks' && res.leaks.some((l) => !l.ignored && l.signature === target.signature);
            },
            {
              maxTests: maxHunts - 1,
              onTest: (subset) => {
                task.output = `hunt ${hunts + 1}/${maxHunts}: steps ${subset.map((k) => steps[k]! + 1).join(',')}`;
              },
            },
          );
          out.kept = r.kept.map((k) => steps[k]!);
          out.exhausted = r.exhausted;
          task.title = `Minimize (ddmin): ${out.kept.length} of ${steps.length} action steps in ${hunts} hunts${r.exhausted ? ', --max-hunts reached' : ''}`;
        },
      },
    ],
    {
      renderer: opts.progress === 'silent' ? 'silent' : opts.progress === 'simple' ? 'simple' : 'default',
      fallbackRenderer: opts.progress === 'silent' ? 'silent' : 'simple',
      // Progress belongs on stderr: stdout carries the summary a caller may pipe.
      fallbackRendererCondition: () => !process.stderr.isTTY || !!process.env.CI,
      exitOnError: true,
      rendererOptions: { logger: stderrLogger() },
      fallbackRendererOptions: { logger: stderrLogger() },
    },
  );
  try {
    await list.run();
  } finally {
    await launched?.browser.close().catch(() => undefined);
  }
  const kept = out.target ? out.kept ?? split.action : [];
  const keptSet = new Set(kept);
  return {
    flow,
    split,
    full: out.full!,
    target: out.target,
    kept,
    removed: out.target ? split.action.filter((i) => !keptSet.has(i)) : [],
    hunts,
    exhausted: out.exhausted ?? false,
    minimal: out.target ? subFlowJson(flow, split, kept, `${flow.title} (minimal)`) : undefined,
  };
}

function stderrLogger(): ListrLogger {
  return new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) });
}
