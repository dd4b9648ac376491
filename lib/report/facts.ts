// Figures every renderer derives from a HuntResult the same way, so that the terminal,
// the JUnit file and the PR comment never disagree about a verdict or a count.
import type { CounterSample, HuntResult, Leak, ScenarioResult } from '../analysis/result.js';

export type Verdict = 'clean' | 'leaks' | 'failed';

/** Leaks that count against the scenario: everything the user did not `ignore`. */
export function activeLeaks(s: ScenarioResult): Leak[] {
  return s.leaks.filter((l) => !l.ignored);
}

export function ignoredLeaks(s: ScenarioResult): Leak[] {
  return s.leaks.filter((l) => l.ignored);
}

/**
 * A failure stays a failure; otherwise only unignored leaks make a scenario leak, so an
 * accepted leak never turns a report red even if the producer's status says 'leaks'.
 */
export function verdictOf(s: ScenarioResult): Verdict {
  if (s.status === 'failed') return 'failed';
  return activeLeaks(s).length > 0 ? 'leaks' : 'clean';
}

/** New objects per iteration over all of the leak's classes. */
export function objectsPerIteration(leak: Leak, iterations: number): number {
  if (leak.classes.length > 0) return round2(leak.classes.reduce((a, c) => a + c.perIteration, 0));
  return iterations > 0 ? round2(leak.objects / iterations) : leak.objects;
}

/** Classes that leak along with the headline class (the headline itself excluded). */
export function classesAlong(leak: Leak): string[] {
  return leak.classes.filter((c) => c.className !== leak.headline).map((c) => c.className);
}

export function totalPhaseMs(s: ScenarioResult): number {
  const t = s.timings;
  return (t.launchMs ?? 0) + t.loadMs + t.iterationsMs + t.snapshotMs + t.analysisMs;
}

export function phaseList(s: ScenarioResult): { phase: string; ms: number }[] {
  const t = s.timings;
  const out: { phase: string; ms: number }[] = [];
  if (t.launchMs !== undefined) out.push({ phase: 'launch', ms: t.launchMs });
  out.push(
    { phase: 'load', ms: t.loadMs },
    { phase: 'iterations', ms: t.iterationsMs },
    { phase: 'snapshots', ms: t.snapshotMs },
    { phase: 'analysis', ms: t.analysisMs },
  );
  return out;
}

export interface CounterSeries {
  label: string;
  bytes: boolean;
  values: number[];
  first: number;
  last: number;
  /** Average change per iteration from the first sample to the last. */
  perIteration: number;
}

const COUNTERS: { key: keyof Omit<CounterSample, 'iteration'>; label: string; bytes: boolean }[] = [
  { key: 'jsHeapUsed', label: 'JS heap', bytes: true },
  { key: 'domNodes', label: 'DOM nodes', bytes: false },
  { key: 'documents', label: 'documents', bytes: false },
  { key: 'jsEventListeners', label: 'listeners', bytes: false },
];

export function counterSeries(samples: readonly CounterSample[]): CounterSeries[] {
  if (samples.length === 0) return [];
  const sorted = [...samples].sort((a, b) => a.iteration - b.iteration);
  const steps = sorted[sorted.length - 1].iteration - sorted[0].iteration;
  return COUNTERS.map(({ key, label, bytes }) => {
    const values = sorted.map((x) => x[key]);
    const first = values[0];
    const last = values[values.length - 1];
    return { label, bytes, values, first, last, perIteration: steps > 0 ? round2((last - first) / steps) : 0 };
  });
}

export interface Totals {
  scenarios: number;
  clean: number;
  leaking: number;
  failed: number;
  leaks: number;
  ignored: number;
}

export function totals(result: HuntResult): Totals {
  const t: Totals = { scenarios: result.scenarios.length, clean: 0, leaking: 0, failed: 0, leaks: 0, ignored: 0 };
  for (const s of result.scenarios) {
    const v = verdictOf(s);
    if (v === 'clean') t.clean++;
    else if (v === 'leaks') t.leaking++;
    else t.failed++;
    t.leaks += activeLeaks(s).length;
    t.ignored += ignoredLeaks(s).length;
  }
  return t;
}

export function hiddenInternalCount(s: ScenarioResult): number {
  return s.hidden.internals.reduce((a, x) => a + x.objects, 0);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
