// What --history adds to every report, as plain (already cleaned) text each renderer then
// escapes for its target: a leak's `new` / `still there since …` tag, the leaks fixed
// since the previous run, and a scenario's trend across runs.
import type { FixedLeak, Leak, ScenarioResult, TrendPoint } from '../analysis/result.js';
import { cleanText } from './escape.js';

/** `2026-12-02 03:10 UTC`: nightly runs need the date, several runs a day the time. */
export function historyDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : cleanText(iso, 40);
}

/** `new`, `still there since 2026-12-01 02:00 UTC (3 runs)`, or undefined without --history. */
export function historyTag(leak: Pick<Leak, 'history'>): string | undefined {
  const h = leak.history;
  if (!h) return undefined;
  if (h.status === 'new') return 'new';
  const runs = h.runs && h.runs > 1 ? ` (${h.runs} runs)` : '';
  return `still there since ${h.since ? historyDate(h.since) : 'an earlier run'}${runs}`;
}

/** One line per leak gone since the previous run: `FooCache (sig 1a2b3c4d), there since …`. */
export function fixedLines(s: Pick<ScenarioResult, 'fixed'>): string[] {
  return (s.fixed ?? []).map((f: FixedLeak) => `${cleanText(f.headline)} (${cleanText(f.signature, 40)}), there since ${historyDate(f.since)}`);
}

/** The trend as one line for text reports: `runs: 2 → 2 → 1 leaks` (failed runs as `!`). */
export function trendLine(trend: readonly TrendPoint[] | undefined): string | undefined {
  if (!trend || trend.length < 2) return undefined;
  const shown = trend.slice(-10).map((p) => (p.status === 'failed' ? '!' : String(p.leaks)));
  return `leaks in the last ${shown.length} runs: ${shown.join(' → ')}`;
}
