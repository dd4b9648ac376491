// Runs corpus cases through the real hunt (the library, not a mock) and judges each verdict
// against its expect.json. Shared by the corpus tests in `npm test` and `npm run corpus`.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'puppeteer';
import { startStaticServer } from '../../lib/static-server.js';
import { loadScenario } from '../../lib/scenario/load.js';
import { huntScenario } from '../../lib/runner/hunt.js';
import type { ChainStep, Leak, ScenarioResult } from '../../lib/analysis/result.js';

export const corpusDir = dirname(fileURLToPath(import.meta.url));
const root = join(corpusDir, '..', '..');
/** Where a failing case's snapshots and result are kept (gitignored). */
export const failuresDir = join(root, '.leakhound', 'corpus-failures');

/** The listener registration a chain's suspect step names (ChainStep.listener). */
export interface ListenerSuspect {
  listener: { target: string; type?: string; handler?: string };
}

/** Which check a case failed; a `knownIssue` names the one it is known to fail. */
export type Check = 'hunt' | 'page-error' | 'false-alarm' | 'missed' | 'headline' | 'chain' | 'suspect' | 'rows';

export interface Expectation {
  leak: boolean;
  classes?: string[];
  chain?: string[];
  /**
   * What the chain's suspect step must be, any one of: an edge name (`viewer`), an entry of a
   * named collection (`history[]`), or the listener registration. `[]` only when no page
   * reference exists (the DOM tree or the engine's own buffer holds the leak).
   */
  suspect?: (string | ListenerSuspect)[];
  /** A verdict bug in lib/ the case is known to show: reported loudly, never silently passed. */
  knownIssue?: { check: Check; why: string };
  note?: string;
}

export interface CaseOutcome {
  name: string;
  expect: Expectation;
  result: ScenarioResult;
  /** Reported (not ignored) leak rows. */
  rows: number;
  /** 1-based rank of the first row headed by an expected class; 0 when none is. */
  rank: number;
  chainNamed: boolean;
  /** The suspect step of the expected row, when there is one. */
  suspect?: ChainStep;
  /** Uncaught exceptions and console.error messages of the page during the hunt. */
  pageErrors: string[];
  pass: boolean;
  failedCheck?: Check;
  /** Why it failed, in one line. */
  problem?: string;
  /** A failing case's snapshots and outcome, relative to the repository root. */
  keptIn?: string;
  ms: number;
}

export interface RunCaseOptions {
  iterations?: number;
  /** Keep the three snapshots of a failing run under .leakhound/corpus-failures/<case>/ (default true). */
  keepFailures?: boolean;
}

export function listCases(filter?: RegExp): string[] {
  return readdirSync(corpusDir)
    .filter((n) => statSync(join(corpusDir, n)).isDirectory() && (!filter || filter.test(n)))
    .sort();
}

export function readExpectation(name: string): Expectation {
  return JSON.parse(readFileSync(join(corpusDir, name, 'expect.json'), 'utf8')) as Expectation;
}

/** Class names compare without DOM attributes: `Detached <div class="x">` ~ `Detached <div>`. */
function sameClass(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/<([a-zA-Z0-9-]+)[^>]*>/g, '<$1>');
  return norm(a) === norm(b);
}

/** The row's title is what a developer reads first: it must be the class the bug leaks. */
function headedBy(leak: Leak, expected: string[]): boolean {
  return expected.some((x) => sameClass(leak.headline, x));
}

function describeSuspect(chain: ChainStep[]): string {
  const i = chain.findIndex((s) => s.suspect);
  const step = chain[i];
  if (!step) return 'no step marked suspect';
  if (step.listener) return `listener ${step.listener.target} '${step.listener.type}' → ${step.listener.handler || '(anonymous)'}`;
  const above = chain[i - 1]?.edge?.name;
  return `${above ? `(via ${above}) ` : ''}${step.className} --${step.edge?.name ?? '(no edge)'}-->`;
}

function describeExpected(x: string | ListenerSuspect): string {
  return typeof x === 'string' ? x : `listener ${x.listener.target} '${x.listener.type ?? '*'}'`;
}

/** Engine plumbing inside a collection (`table`, backing-store slots): no name the page wrote. */
function unnamed(edge: ChainStep['edge']): boolean {
  return !edge || edge.type === 'internal' || edge.type === 'hidden' || edge.type === 'element' || /^\d+$/.test(edge.name);
}

/**
 * `name` matches the suspect's edge; `name[]` matches an entry of the collection the page
 * calls `name` (`history[3]`, a Map entry of `handlers`, `drafts['draft-…']`): the suspect
 * is then the entry and the nearest named reference above it is `name`.
 */
function suspectMatches(chain: ChainStep[], wanted: (string | ListenerSuspect)[]): boolean {
  const i = chain.findIndex((s) => s.suspect);
  const step = chain[i];
  if (!step) return false;
  let holder: string | undefined;
  for (let k = i - 1; k >= 0 && holder === undefined; k--) if (!unnamed(chain[k].edge)) holder = chain[k].edge!.name;
  return wanted.some((x) => {
    if (typeof x === 'string') return x.endsWith('[]') ? holder === x.slice(0, -2) : step.edge?.name === x;
    const l = step.listener;
    return (
      !!l &&
      l.target === x.listener.target &&
      (x.listener.type === undefined || l.type === x.listener.type) &&
      (x.listener.handler === undefined || l.handler === x.listener.handler)
    );
  });
}

/**
 * The hunt opens its own context and page; this hands it a browser whose pages report their
 * uncaught exceptions and console.error calls into `errors` from before the page loads.
 */
export function watchingPageErrors(browser: Browser, errors: string[]): Browser {
  const watch = (page: Page): Page => {
    page.on('pageerror', (err) => errors.push(`uncaught ${err instanceof Error ? err.message : String(err)}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    return page;
  };
  const context = (ctx: BrowserContext): BrowserContext =>
    new Proxy(ctx, {
      get(target, prop) {
        if (prop === 'newPage') return async (...args: Parameters<BrowserContext['newPage']>) => watch(await target.newPage(...args));
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  return new Proxy(browser, {
    get(target, prop) {
      if (prop === 'createBrowserContext') {
        return async (...args: Parameters<Browser['createBrowserContext']>) => context(await target.createBrowserContext(...args));
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

export async function runCase(browser: Browser, name: string, opts: RunCaseOptions = {}): Promise<CaseOutcome> {
  const expect = readExpectation(name);
  const keep = opts.keepFailures !== false;
  const keepDir = join(failuresDir, name);
  // The snapshots are written during every run and deleted when it passes: a failure that
  // does not come back on a rerun is still there to open in DevTools.
  rmSync(keepDir, { recursive: true, force: true });
  const server = await startStaticServer({
    root: join(corpusDir, name),
    mounts: {
      '/vendor/react/': join(root, 'node_modules/react/umd'),
      '/vendor/react-dom/': join(root, 'node_modules/react-dom/umd'),
      '/vendor/vue/': join(root, 'node_modules/vue/dist'),
      // Any other library a case needs, by its published file: /node_modules/rxjs/dist/...
      '/node_modules/': join(root, 'node_modules'),
    },
  });
  const pageErrors: string[] = [];
  const t = Date.now();
  let result: ScenarioResult;
  try {
    const loaded = await loadScenario(join(corpusDir, name, 'scenario.mjs'));
    result = await huntScenario(watchingPageErrors(browser, pageErrors), loaded, {
      baseUrl: server.url,
      iterations: opts.iterations,
      saveSnapshotsDir: keep ? keepDir : undefined,
    });
  } finally {
    await server.close();
  }
  const ms = Date.now() - t;
  const outcome = judge(name, expect, result, pageErrors, ms);
  if (keep && !outcome.pass) {
    mkdirSync(keepDir, { recursive: true });
    writeFileSync(join(keepDir, 'outcome.json'), `${JSON.stringify(outcome, null, 2)}\n`);
    outcome.keptIn = relative(root, keepDir);
    outcome.problem += ` [snapshots and outcome.json kept in ${outcome.keptIn}/]`;
  } else {
    rmSync(keepDir, { recursive: true, force: true });
  }
  return outcome;
}

/** The verdict against the expectation; the first check that fails is the one reported. */
export function judge(name: string, expect: Expectation, result: ScenarioResult, pageErrors: string[], ms: number): CaseOutcome {
  const leaks = result.leaks.filter((l) => !l.ignored);
  const rankIndex = expect.classes ? leaks.findIndex((l) => headedBy(l, expect.classes!)) : -1;
  const top = rankIndex >= 0 ? leaks[rankIndex] : undefined;
  const wanted = expect.chain ?? [];
  const chainNamed = wanted.length === 0 || (!!top && top.chain.some((step) => !!step.edge && wanted.includes(step.edge.name)));
  const suspect = top?.chain.find((s) => s.suspect);
  const outcome: CaseOutcome = { name, expect, result, rows: leaks.length, rank: rankIndex + 1, chainNamed, suspect, pageErrors, pass: true, ms };
  const fail = (check: Check, problem: string) => Object.assign(outcome, { pass: false, failedCheck: check, problem });
  if (result.status === 'failed') return fail('hunt', `hunt failed at ${result.error?.step}: ${result.error?.message}`);
  // A page that throws is not the page the case describes: its verdict proves nothing.
  if (pageErrors.length > 0) return fail('page-error', `page errors: ${[...new Set(pageErrors)].slice(0, 3).join(' | ')}`);
  if (!expect.leak) {
    if (leaks.length > 0) return fail('false-alarm', `false alarm: ${leaks.map((l) => `${l.headline} (+${l.classes[0]?.perIteration ?? '?'}/it)`).join(', ')}`);
    return outcome;
  }
  if (leaks.length === 0) return fail('missed', `missed: expected ${expect.classes?.join(' or ')}`);
  if (outcome.rank !== 1) {
    return fail('headline', `expected a row headed ${expect.classes?.join(' or ')} first; got ${leaks.map((l) => l.headline).join(', ')}`);
  }
  if (!chainNamed) {
    const edges = top!.chain.map((s) => s.edge?.name).filter(Boolean).join(' > ');
    return fail('chain', `chain names none of ${wanted.join(', ')}: ${edges}`);
  }
  const wantedSuspect = expect.suspect ?? [];
  if (wantedSuspect.length > 0 && !suspectMatches(top!.chain, wantedSuspect)) {
    return fail('suspect', `suspect is ${describeSuspect(top!.chain)}; expected ${wantedSuspect.map(describeExpected).join(' or ')}`);
  }
  // One bug, one row: the listener, its closure and context are not separate leaks.
  if (leaks.length > 2) return fail('rows', `${leaks.length} rows for one bug: ${leaks.map((l) => l.headline).join(', ')}`);
  return outcome;
}

/**
 * How many cases hunt at once, each in its own browser context (its own renderer). Hunts
 * spend most of their time waiting on frames, idle periods and snapshot transfer, so two
 * at a time pay even on two cores. `CORPUS_CONCURRENCY=1` runs them one by one.
 */
export function corpusConcurrency(): number {
  const env = Number(process.env.CORPUS_CONCURRENCY);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.max(2, Math.min(4, availableParallelism() - 1));
}

/**
 * Starts every case with at most `concurrency` hunting at a time, in order, and returns one
 * promise per case (never rejected: a harness error becomes a failed outcome).
 */
export function runCases(browser: Browser, names: string[], concurrency: number, opts: RunCaseOptions = {}): Map<string, Promise<CaseOutcome>> {
  const settle = new Map<string, (o: CaseOutcome) => void>();
  const promises = new Map<string, Promise<CaseOutcome>>();
  for (const name of names) promises.set(name, new Promise<CaseOutcome>((res) => settle.set(name, res)));
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      const t = Date.now();
      const outcome = await runCase(browser, name, opts).catch((err: unknown) => {
        const expect = readExpectation(name);
        const result = { name, status: 'failed', leaks: [] } as unknown as ScenarioResult;
        const problem = `harness error: ${err instanceof Error ? err.message : String(err)}`;
        return { name, expect, result, rows: 0, rank: 0, chainNamed: false, pageErrors: [], pass: false, failedCheck: 'hunt', problem, ms: Date.now() - t } satisfies CaseOutcome;
      });
      settle.get(name)!(outcome);
    }
  };
  for (let i = 0; i < Math.min(concurrency, names.length); i++) void worker();
  return promises;
}
