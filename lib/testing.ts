// `leakhound/testing`: leak checks inside an existing mocha, Jest or node:test suite. A thin
// layer over `startHunt` (lib/runner/hunt.ts), which runs the hunt and the verdict; this file
// only turns its result into a test outcome whose message is the report a developer reads,
// retainer chain included. The Playwright fixture (lib/playwright.ts) builds on it.
//
//   import { assertNoLeaks } from 'leakhound/testing';
//   it('settings dialog does not leak', async () => {
//     await page.goto(url);
//     await assertNoLeaks(page, { action: () => page.click('#open'), back: () => page.click('#close') });
//   });
import { AssertionError } from 'node:assert';
import { readFileSync } from 'node:fs';
import { startHunt, type StartHuntOptions } from './runner/hunt.js';
import type { CdpSession } from './browser/cdp.js';
import { RESULT_SCHEMA_VERSION, type HuntResult, type ScenarioResult } from './analysis/result.js';
import { renderReport } from './report/index.js';
import { activeLeaks, verdictOf } from './report/facts.js';

/** Whatever `startHunt` accepts: a Puppeteer page, a Playwright page, or a CDP session. */
export type HuntTarget = Parameters<typeof startHunt>[0];

export interface HuntPageOptions extends StartHuntOptions {
  /** The step suspected of leaking; repeated every iteration. */
  action: () => unknown;
  /** Undoes `action` (close the dialog, navigate back) so iterations start alike. */
  back?: () => unknown;
  /** Shown under the scenario name in the report (e.g. the test file). */
  file?: string;
}

/**
 * Hunts the page as it is now: warm-up, baseline, `iterations` × (action, back), middle and
 * final snapshots, verdict. Never throws for a page or step failure: the result says
 * `status: 'failed'` with the step, like a scenario in a sweep.
 */
export async function huntPage(target: HuntTarget, opts: HuntPageOptions): Promise<ScenarioResult> {
  const { action, back, file, ...startOpts } = opts;
  const hunt = await startHunt(target, { name: opts.name ?? 'leak check', ...startOpts });
  try {
    await hunt.iterate(action, back);
    const result = await hunt.finish();
    if (file !== undefined) result.file = file;
    await noteBrowser(hunt.heap.cdp, result);
    return result;
  } finally {
    await hunt.close();
  }
}

/** Hunts like `huntPage` and throws a `LeakAssertionError` (the report as message) unless clean. */
export async function assertNoLeaks(target: HuntTarget, opts: HuntPageOptions): Promise<ScenarioResult> {
  const result = await huntPage(target, opts);
  if (verdictOf(result) !== 'clean') throw new LeakAssertionError(result);
  return result;
}

/**
 * A failed leak check. An `AssertionError` (code ERR_ASSERTION), so mocha, Jest and
 * node:test report it as a failed expectation rather than a crash; the message is the
 * plain-text report with every leak's retainer chain.
 */
export class LeakAssertionError extends AssertionError {
  readonly result: ScenarioResult;
  constructor(result: ScenarioResult) {
    super({ message: leakMessage(toHuntResult(result)), operator: 'toNotLeak' });
    this.result = result;
  }
}

/** Wraps one or more scenario results as the `HuntResult` every reporter takes. */
export function toHuntResult(scenarios: ScenarioResult | readonly ScenarioResult[]): HuntResult {
  const list = Array.isArray(scenarios) ? [...scenarios] : [scenarios as ScenarioResult];
  const ms = list.reduce((a, s) => a + s.timings.loadMs + s.timings.iterationsMs + s.timings.snapshotMs + s.timings.analysisMs, 0);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'leakhound', version: packageVersion() },
    browser: list.map((s) => (s as WithBrowser)[BROWSER]).find((b) => b !== undefined) ?? null,
    startedAt: new Date(Date.now() - ms).toISOString(),
    durationMs: ms,
    scenarios: list,
  };
}

// The browser a result came from, for the report's header. ScenarioResult has no field for
// it (a sweep records it once per HuntResult), so it rides along unseen by JSON.stringify.
const BROWSER = Symbol('leakhound.browser');
type WithBrowser = ScenarioResult & { [BROWSER]?: { path: string; version: string } };

async function noteBrowser(cdp: CdpSession, result: ScenarioResult): Promise<void> {
  try {
    const { product } = (await cdp.send('Browser.getVersion')) as { product?: string };
    if (product) Object.defineProperty(result, BROWSER, { value: { path: '', version: product }, enumerable: false });
  } catch {
    // A closed or crashed page has no one to ask; the report then says "no browser".
  }
}

/** The plain-text report: a first line saying what failed, then the terminal report. */
export function leakMessage(result: HuntResult): string {
  const failed = result.scenarios.filter((s) => verdictOf(s) === 'failed');
  const leaking = result.scenarios.filter((s) => verdictOf(s) === 'leaks');
  const leaks = leaking.reduce((a, s) => a + activeLeaks(s).length, 0);
  const parts: string[] = [];
  if (leaks > 0) parts.push(`${leaks} leak${leaks === 1 ? '' : 's'} found (${leaking[0]!.leaks.find((l) => !l.ignored)!.headline}${leaks > 1 ? ', …' : ''})`);
  if (failed.length > 0) parts.push(`the hunt failed at step '${failed[0]!.error?.step ?? '?'}': ${failed[0]!.error?.message ?? 'unknown error'}`);
  const head = parts.length > 0 ? parts.join('; ') : 'no leaks';
  return `leakhound: ${head}\n\n${renderReport(result, 'terminal', { color: false }).trimEnd()}`;
}

/** Results a matcher accepts: a scenario result, a list of them, a whole HuntResult, or anything with `results`. */
export type LeakCheckSubject = ScenarioResult | readonly ScenarioResult[] | HuntResult | { readonly results: readonly ScenarioResult[] };

export function subjectResult(received: unknown): HuntResult | undefined {
  if (received === null || typeof received !== 'object') return undefined;
  const r = received as Record<string, unknown>;
  if (Array.isArray(received)) return received.every(isScenarioResult) ? toHuntResult(received as ScenarioResult[]) : undefined;
  if (isScenarioResult(received)) return toHuntResult(received);
  if (Array.isArray(r.scenarios) && r.scenarios.every(isScenarioResult)) return received as HuntResult;
  if (Array.isArray(r.results) && r.results.every(isScenarioResult)) return toHuntResult(r.results as ScenarioResult[]);
  return undefined;
}

function isScenarioResult(x: unknown): x is ScenarioResult {
  const r = x as ScenarioResult | null;
  return !!r && typeof r === 'object' && typeof r.status === 'string' && Array.isArray(r.leaks) && typeof r.iterations === 'number';
}

export interface MatcherResult {
  pass: boolean;
  message: () => string;
  name?: string;
}

/**
 * `toNotLeak` for any Jest-compatible `expect.extend` (Jest, Vitest, Playwright): passes
 * when every hunt is clean (accepted leaks allowed); the failure message is the report.
 * An empty list of results fails: a check that hunted nothing proves nothing.
 */
export function toNotLeak(this: { isNot?: boolean } | void, received: unknown): MatcherResult {
  const result = subjectResult(received);
  if (!result) {
    return {
      pass: false,
      name: 'toNotLeak',
      message: () => 'toNotLeak: expected a leakhound result (from huntPage, hunt.finish() or the leakhound fixture), got ' + describe(received),
    };
  }
  if (result.scenarios.length === 0) {
    return { pass: false, name: 'toNotLeak', message: () => 'toNotLeak: no hunt has run, so there is nothing to check' };
  }
  const pass = result.scenarios.every((s) => verdictOf(s) === 'clean');
  return {
    pass,
    name: 'toNotLeak',
    message: () => (pass ? `expected a leak, but every hunt was clean\n\n${renderReport(result, 'terminal', { color: false }).trimEnd()}` : leakMessage(result)),
  };
}

/** For `expect.extend(leakMatchers)` in Jest or Vitest. */
export const leakMatchers = { toNotLeak };

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  return typeof x === 'object' ? `an object with keys ${Object.keys(x as object).slice(0, 5).join(', ') || '(none)'}` : typeof x;
}

function packageVersion(): string {
  // lib/testing.ts and dist/testing.js both sit one level below package.json.
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
