// Last night versus tonight, per scenario: which leaks are new, which are still there (and
// since when), which are fixed, and the trend across runs. Pure: rows in, annotations out.
// A failed run of a scenario says nothing about its leaks, so comparisons skip it.
import type { FixedLeak, HuntResult, LeakHistory, ScenarioResult, TrendPoint } from '../analysis/result.js';
import { rowsOfRun, type HistoryRow } from './rows.js';

/** Runs per scenario the trend keeps, this one included. */
export const TREND_RUNS = 30;

interface PastRun {
  runId: string;
  date: string;
  status: HistoryRow['status'];
  /** signature → headline */
  leaks: Map<string, string>;
  activeLeaks: number;
  bytesPerIteration: number;
  order: number;
}

export interface HistoryComparison {
  /** The result with `history` on each leak, `fixed` and `trend` on each scenario. */
  result: HuntResult;
  /** Rows to append for this run. */
  rows: HistoryRow[];
}

export function compareWithHistory(result: HuntResult, previous: readonly HistoryRow[], runId: string): HistoryComparison {
  const byScenario = pastRunsByScenario(previous.filter((r) => r.runId !== runId));
  const scenarios = result.scenarios.map((s) => annotateScenario(s, byScenario.get(s.name) ?? [], runId, result.startedAt));
  const runIds = new Set(previous.map((r) => r.runId));
  runIds.delete(runId);
  const annotated: HuntResult = { ...result, scenarios, history: { runId, previousRuns: runIds.size } };
  return { result: annotated, rows: rowsOfRun(result, runId) };
}

/** Each scenario's earlier runs, oldest first (by date; file order breaks ties). */
function pastRunsByScenario(rows: readonly HistoryRow[]): Map<string, PastRun[]> {
  const runs = new Map<string, Map<string, PastRun>>();
  let order = 0;
  for (const r of rows) {
    let perRun = runs.get(r.scenario);
    if (!perRun) runs.set(r.scenario, (perRun = new Map()));
    let run = perRun.get(r.runId);
    if (!run) {
      run = { runId: r.runId, date: r.date, status: r.status, leaks: new Map(), activeLeaks: 0, bytesPerIteration: 0, order: order++ };
      perRun.set(r.runId, run);
    }
    if (r.status === 'failed') run.status = 'failed';
    if (r.signature !== null && !run.leaks.has(r.signature)) {
      run.leaks.set(r.signature, r.headline ?? r.signature);
      if (!r.ignored) {
        run.activeLeaks++;
        run.bytesPerIteration += r.bytesPerIteration ?? 0;
      }
    }
  }
  const out = new Map<string, PastRun[]>();
  for (const [scenario, perRun] of runs) {
    out.set(
      scenario,
      [...perRun.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order)),
    );
  }
  return out;
}

function annotateScenario(s: ScenarioResult, past: PastRun[], runId: string, date: string): ScenarioResult {
  const completed = past.filter((r) => r.status !== 'failed');
  const last = completed.at(-1);
  const out: ScenarioResult = { ...s, trend: trendOf(s, past, runId, date) };
  if (s.status === 'failed') return out;
  out.leaks = s.leaks.map((l) => ({ ...l, history: leakHistory(l.signature, completed) }));
  if (last) {
    const now = new Set(s.leaks.map((l) => l.signature));
    const fixed: FixedLeak[] = [];
    for (const [signature, headline] of last.leaks) {
      if (now.has(signature)) continue;
      fixed.push({ signature, headline, since: streakStart(signature, completed)!.date, lastSeen: last.date });
    }
    if (fixed.length > 0) out.fixed = fixed;
  }
  return out;
}

function leakHistory(signature: string, completed: PastRun[]): LeakHistory {
  const start = streakStart(signature, completed);
  if (!start) return { status: 'new' };
  return { status: 'still', since: start.date, runs: completed.length - completed.indexOf(start) + 1 };
}

/** The first run of the unbroken run of completed runs, ending with the last one, that had `signature`. */
function streakStart(signature: string, completed: PastRun[]): PastRun | undefined {
  let start: PastRun | undefined;
  for (let i = completed.length - 1; i >= 0 && completed[i].leaks.has(signature); i--) start = completed[i];
  return start;
}

function trendOf(s: ScenarioResult, past: PastRun[], runId: string, date: string): TrendPoint[] {
  const points: TrendPoint[] = past.slice(-(TREND_RUNS - 1)).map((r) => ({
    runId: r.runId,
    date: r.date,
    status: r.status,
    leaks: r.activeLeaks,
    bytesPerIteration: r.bytesPerIteration,
  }));
  const active = s.leaks.filter((l) => !l.ignored);
  points.push({
    runId,
    date,
    status: s.status,
    leaks: active.length,
    bytesPerIteration: active.reduce((sum, l) => sum + l.bytesPerIteration, 0),
  });
  return points;
}

/** `--fail-on new`: the leaks that fail a run are those not ignored and not seen in the previous run. */
export function isNewLeak(leak: { ignored?: boolean; history?: LeakHistory }): boolean {
  return !leak.ignored && leak.history?.status !== 'still';
}

/** A run id that sorts by time and does not collide between parallel jobs. */
export function newRunId(startedAt: string, random: () => number = Math.random): string {
  const suffix = Math.floor(random() * 0x1000000).toString(16).padStart(6, '0');
  return `${startedAt}-${suffix}`;
}
