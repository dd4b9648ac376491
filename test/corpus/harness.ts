// Runs corpus cases through the real hunt (the library, not a mock) and judges each verdict
// against its expect.json. Shared by the corpus tests in `npm test` and `npm run corpus`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer';
import { startStaticServer } from '../../lib/static-server.js';
import { loadScenario } from '../../lib/scenario/load.js';
import { huntScenario } from '../../lib/runner/hunt.js';
import type { Leak, ScenarioResult } from '../../lib/analysis/result.js';

export const corpusDir = dirname(fileURLToPath(import.meta.url));
const root = join(corpusDir, '..', '..');

export interface Expectation {
  leak: boolean;
  classes?: string[];
  chain?: string[];
  note?: string;
}

export interface CaseOutcome {
  name: string;
  expect: Expectation;
  result: ScenarioResult;
  /** Reported (not ignored) leak rows. */
  rows: number;
  /** 1-based rank of the first row naming an expected class; 0 when none does. */
  rank: number;
  chainNamed: boolean;
  pass: boolean;
  /** Why it failed, in one line. */
  problem?: string;
  ms: number;
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

function namesClass(leak: Leak, expected: string[]): boolean {
  return expected.some((x) => sameClass(leak.headline, x) || leak.classes.some((c) => sameClass(c.className, x)));
}

export async function runCase(browser: Browser, name: string, opts: { iterations?: number } = {}): Promise<CaseOutcome> {
  const expect = readExpectation(name);
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
  const t = Date.now();
  let result: ScenarioResult;
  try {
    const loaded = await loadScenario(join(corpusDir, name, 'scenario.mjs'));
    result = await huntScenario(browser, loaded, { baseUrl: server.url, iterations: opts.iterations });
  } finally {
    await server.close();
  }
  const ms = Date.now() - t;
  const leaks = result.leaks.filter((l) => !l.ignored);
  const rankIndex = expect.classes ? leaks.findIndex((l) => namesClass(l, expect.classes!)) : -1;
  const top = rankIndex >= 0 ? leaks[rankIndex] : undefined;
  const wanted = expect.chain ?? [];
  const chainNamed = wanted.length === 0 || (!!top && top.chain.some((step) => !!step.edge && wanted.includes(step.edge.name)));
  const outcome: CaseOutcome = { name, expect, result, rows: leaks.length, rank: rankIndex + 1, chainNamed, pass: true, ms };
  const fail = (problem: string) => Object.assign(outcome, { pass: false, problem });
  if (result.status === 'failed') return fail(`hunt failed at ${result.error?.step}: ${result.error?.message}`);
  if (!expect.leak) {
    if (leaks.length > 0) return fail(`false alarm: ${leaks.map((l) => `${l.headline} (+${l.classes[0]?.perIteration ?? '?'}/it)`).join(', ')}`);
    return outcome;
  }
  if (leaks.length === 0) return fail(`missed: expected ${expect.classes?.join(' or ')}`);
  if (outcome.rank !== 1) {
    return fail(`expected ${expect.classes?.join(' or ')} first; got ${leaks.map((l) => l.headline).join(', ')}`);
  }
  if (!chainNamed) {
    const edges = top!.chain.map((s) => s.edge?.name).filter(Boolean).join(' > ');
    return fail(`chain names none of ${wanted.join(', ')}: ${edges}`);
  }
  return outcome;
}
