// `leakhound merge`: the JSON results of a sharded sweep (`--shard i/n` on n CI jobs) become
// one result, as if one job had run every scenario: scenarios back in the order the sweep
// was given, one browser line, one start time. A shard that left no readable result is
// not silently dropped: its scenarios (or, when unknown, the file itself) count as failed.
import { basename, extname } from 'node:path';
import { RESULT_SCHEMA_VERSION, type HuntResult, type ScenarioResult } from '../analysis/result.js';

export interface ShardInput {
  /** The file the result came from, as the user named it. */
  file: string;
  result?: HuntResult;
  /** Why there is no result: one line, e.g. `no such file`. */
  error?: string;
}

/** Checks that parsed JSON is a result this version can merge; returns why not, or undefined. */
export function resultProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a leakhound JSON result';
  const v = value as Partial<HuntResult>;
  if (!Array.isArray(v.scenarios) || typeof v.startedAt !== 'string') return 'not a leakhound JSON result';
  if (v.schemaVersion !== RESULT_SCHEMA_VERSION) return `schemaVersion ${String(v.schemaVersion)}, this leakhound reads ${RESULT_SCHEMA_VERSION}`;
  return undefined;
}

export function mergeResults(inputs: readonly ShardInput[], toolVersion: string): HuntResult {
  const good = inputs.filter((i): i is ShardInput & { result: HuntResult } => !!i.result);
  const broken = inputs.filter((i) => !i.result);
  const order = fullOrder(good.map((g) => g.result));
  const position = new Map(order.map((f, i) => [f, i]));

  const scenarios: { s: ScenarioResult; key: number; seq: number }[] = [];
  let seq = 0;
  for (const g of good) {
    for (const s of g.result.scenarios) scenarios.push({ s, key: position.get(s.file) ?? Number.MAX_SAFE_INTEGER, seq: seq++ });
  }
  const covered = new Set(scenarios.map((x) => x.s.file));
  const why = broken.length > 0 ? `no result: ${broken.map((b) => `${b.file} (${b.error ?? 'unreadable'})`).join(', ')}` : 'no shard recorded a result for it';
  for (const file of order) {
    if (!covered.has(file)) scenarios.push({ s: missingScenario(file, why), key: position.get(file)!, seq: seq++ });
  }
  // Without any shard's list of files we cannot say which scenarios a broken shard held:
  // the shard itself then stands as the failed entry, so the exit code still says failed.
  if (order.length === 0) {
    for (const b of broken) scenarios.push({ s: missingScenario(b.file, `no result: ${b.error ?? 'unreadable'}`), key: Number.MAX_SAFE_INTEGER, seq: seq++ });
  }
  scenarios.sort((a, b) => a.key - b.key || a.seq - b.seq);

  const starts = good.map((g) => Date.parse(g.result.startedAt)).filter(Number.isFinite);
  const ends = good.map((g) => Date.parse(g.result.startedAt) + (g.result.durationMs || 0)).filter(Number.isFinite);
  const start = starts.length ? Math.min(...starts) : Date.now();
  const end = ends.length ? Math.max(...ends) : start;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: good[0]?.result.tool ?? { name: 'leakhound', version: toolVersion },
    browser: good.find((g) => g.result.browser)?.result.browser ?? null,
    startedAt: new Date(start).toISOString(),
    durationMs: Math.max(0, end - start),
    scenarios: scenarios.map((x) => x.s),
  };
}

/** The sweep's files in the order given: the longest list any shard recorded. */
function fullOrder(results: HuntResult[]): string[] {
  let best: string[] = [];
  for (const r of results) if (r.shard && r.shard.files.length > best.length) best = r.shard.files;
  return best;
}

function missingScenario(file: string, message: string): ScenarioResult {
  return {
    name: basename(file, extname(file)),
    file,
    url: '',
    status: 'failed',
    iterations: 0,
    error: { step: 'merge', message },
    leaks: [],
    counters: [],
    hidden: { internals: [], browserClasses: [] },
    timings: { loadMs: 0, iterationsMs: 0, snapshotMs: 0, analysisMs: 0 },
  };
}
