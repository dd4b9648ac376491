// A Recorder flow as a Scenario: each part replays its steps with @puppeteer/replay's own
// Puppeteer runner (aria/, text/, xpath/, pierce/ and CSS selectors, assertedEvents, frames),
// so a flow behaves here as it does in the Recorder panel. leakhound's marker steps are
// skipped. Every step of the action and back is followed by a navigation check, so a click
// that leaves the document is refused naming that step.

import { createRunner, PuppeteerRunnerExtension, type Runner, type Step, type UserFlow } from '@puppeteer/replay';
import type { Page } from 'puppeteer';
import { ScenarioError } from '../errors.js';
import { describeError } from '../browser/page-guard.js';
import { NavigationWatch, navigationRefusal } from '../browser/navigation-watch.js';
import { describeStep, markerName, type FlowSplit, type RecorderFlow } from './recorder.js';
import type { Scenario } from './types.js';

/** replay's own default: how long a step waits for its element. */
export const DEFAULT_STEP_TIMEOUT = 5000;

export interface RecorderScenarioOptions {
  /** How the file is named in messages (as the user typed it). */
  file: string;
  /** `--url`: the recorded origin of navigate steps is replaced by this URL's origin. */
  baseUrl?: string;
  /** Replay only these action steps (0-based indexes, a subset of `split.action`); for minimize. */
  actionSubset?: readonly number[];
  /** How long a step waits for its element, ms, instead of the flow's own `timeout`. */
  stepTimeout?: number;
  /** Told how long each replayed step took, ms (minimize sizes its candidates' waits by it). */
  onStepTime?: (ms: number) => void;
}

export function recorderScenario(flow: RecorderFlow, split: FlowSplit, opts: RecorderScenarioOptions): Scenario {
  const recordedUrl = (flow.steps[split.navigate] as Extract<Step, { type: 'navigate' }>).url;
  const steps = flow.steps.map((s) => (s.type === 'navigate' ? { ...s, url: rebase(s.url, recordedUrl, opts.baseUrl) } : s));
  const userFlow: UserFlow = { title: flow.title, steps, ...(flow.timeout ? { timeout: flow.timeout } : {}) };
  const keep = opts.actionSubset ? new Set(opts.actionSubset) : undefined;
  const action = keep ? split.action.filter((i) => keep.has(i)) : split.action;
  const name = flow.title;

  // Per page, so two hunts of this scenario (or two in one process) never share state.
  let current: { page: Page; runner: Promise<Runner>; watch?: Promise<NavigationWatch> } | undefined;
  const forPage = (page: Page) => {
    if (current?.page !== page) {
      const extension = new PuppeteerRunnerExtension(page.browser(), page, {
        timeout: opts.stepTimeout ?? flow.timeout ?? DEFAULT_STEP_TIMEOUT,
      });
      current = { page, runner: createRunner(userFlow, extension) };
    }
    return current;
  };

  const run = async (page: Page, ids: readonly number[], part: 'setup' | 'action' | 'back') => {
    const state = forPage(page);
    const runner = await state.runner;
    // Navigations in setup are allowed (log in, then open the app); the loop's are not.
    const watch = part === 'setup' ? undefined : await (state.watch ??= NavigationWatch.open(page));
    for (const i of ids) {
      const step = steps[i]!;
      if (markerName(step) !== undefined) continue;
      const refuse = (nav: Parameters<typeof navigationRefusal>[0]) =>
        new ScenarioError(`${opts.file}: step ${i + 1} (${describeStep(step)}) ${navigationRefusal(nav)}`, name, `${part} step ${i + 1}`);
      try {
        const started = performance.now();
        await runner.runStep(step);
        opts.onStepTime?.(performance.now() - started);
      } catch (err) {
        const nav = await watch?.take({ timeout: 0 }).catch(() => undefined);
        if (nav) throw refuse(nav);
        throw new Error(`step ${i + 1} (${describeStep(step)}): ${describeError(err)}`);
      }
      const nav = await watch?.take();
      if (nav) throw refuse(nav);
    }
  };

  return {
    name,
    url: steps[split.navigate]!.type === 'navigate' ? (steps[split.navigate] as { url: string }).url : undefined,
    async setup(page) {
      await run(page, [...split.before, ...split.setup], 'setup');
    },
    async action(page) {
      await run(page, action, 'action');
    },
    ...(split.back.length ? { back: (page: Page) => run(page, split.back, 'back') } : {}),
  };
}

/**
 * A flow recorded against production replays against `--url`: navigate steps on the first
 * navigate's origin move to the base URL's origin, path and query kept. Other origins
 * (a login provider) are left alone.
 */
export function rebase(url: string, recorded: string, baseUrl: string | undefined): string {
  if (!baseUrl || !URL.canParse(url) || !URL.canParse(baseUrl) || !URL.canParse(recorded)) return url;
  const target = new URL(url);
  if (target.origin !== new URL(recorded).origin) return url;
  const base = new URL(baseUrl);
  return new URL(`${target.pathname}${target.search}${target.hash}`, base.origin).href;
}
