// A hunt's verdict from three snapshot files a user saved in one DevTools session (or a hunt
// saved with --save-snapshots): the same summaries and `computeVerdict` as `huntScenario`, so
// the same leaks, grouping, chains and reports. Baseline and middle are reduced to summaries
// as soon as each is parsed; one full heap graph is alive at a time, as in a hunt.
import { basename } from 'node:path';
import { HeapSnapshotError } from '../heap/errors.js';
import { readHeapSnapshot } from '../heap/read.js';
import { findUserRoots, describeRoot } from '../heap/roots.js';
import type { HeapSnapshot } from '../heap/snapshot.js';
import { summarizeSnapshot, type SnapshotSummary } from '../analysis/summary.js';
import { computeVerdict } from '../analysis/verdict.js';
import { checkSameSession, identitySample, type IdentitySample, type SessionMismatch } from '../analysis/same-session.js';
import type { ScenarioResult } from '../analysis/result.js';
import { UsageError } from '../errors.js';
import { validateIterations } from '../scenario/validate.js';
import { DEFAULT_ITERATIONS } from './hunt.js';

export interface AnalyzeFilesOptions {
  /** Iterations the page ran between baseline and final (default 6, as a hunt). */
  iterations?: number;
  /** Leak signatures (or class names) accepted as known. */
  accept?: readonly string[];
  /** Called before each file is read and before the verdict, for progress display. */
  onStep?: (step: 'baseline' | 'middle' | 'final' | 'analyse', file?: string) => void;
}

export type SnapshotFiles = readonly [baseline: string, middle: string, final: string];

/**
 * The ScenarioResult of three saved snapshots. Unreadable or corrupt files throw a
 * HeapSnapshotError naming the file; snapshots of different sessions, or given out of
 * order, throw a UsageError saying which pair and what to do.
 */
export async function analyzeSnapshotFiles(files: SnapshotFiles, opts: AnalyzeFilesOptions = {}): Promise<ScenarioResult> {
  const iterations = validateIterations(opts.iterations ?? DEFAULT_ITERATIONS);
  // The same split as a hunt: the middle snapshot is taken after the first half.
  const firstHalf = Math.floor(iterations / 2);
  const secondHalf = iterations - firstHalf;
  const [baseFile, middleFile, finalFile] = files;
  const t0 = Date.now();
  let analysisMs = 0;

  const reduce = async (file: string, label: 'baseline' | 'middle', previous?: { sample: IdentitySample; file: string }) => {
    opts.onStep?.(label, file);
    const s = await read(file);
    if (previous) assertSameSession(previous, s, file);
    const t = Date.now();
    const sample = identitySample(s);
    const summary: SnapshotSummary = summarizeSnapshot(s);
    analysisMs += Date.now() - t;
    return { sample, summary, file };
  };
  const base = await reduce(baseFile, 'baseline');
  const middle = await reduce(middleFile, 'middle', base);
  opts.onStep?.('final', finalFile);
  const final = await read(finalFile);
  assertSameSession(middle, final, finalFile);
  const readMs = Date.now() - t0 - analysisMs;

  opts.onStep?.('analyse');
  const ta = Date.now();
  const verdict = computeVerdict({
    baseline: base.summary,
    middle: middle.summary,
    final,
    firstHalf,
    secondHalf,
    ignore: [...(opts.accept ?? [])],
  });
  analysisMs += Date.now() - ta;
  return {
    name: scenarioName(files),
    file: files.join(' '),
    url: pageUrl(final),
    status: verdict.leaks.some((l) => !l.ignored) ? 'leaks' : 'clean',
    iterations,
    leaks: verdict.leaks,
    // Counters are sampled live during a hunt; saved snapshots carry none.
    counters: [],
    hidden: verdict.hidden,
    timings: { loadMs: 0, iterationsMs: 0, snapshotMs: readMs, analysisMs },
  };
}

async function read(file: string): Promise<HeapSnapshot> {
  try {
    return await readHeapSnapshot(file, { source: file });
  } catch (err) {
    if (err instanceof HeapSnapshotError) throw err.withSource(file);
    throw err;
  }
}

function assertSameSession(earlier: { sample: IdentitySample; file: string }, later: HeapSnapshot, laterFile: string): void {
  const m = checkSameSession(earlier.sample, later);
  if (m) throw new UsageError(mismatchMessage(m, earlier.file, laterFile));
}

function mismatchMessage(m: SessionMismatch, earlier: string, later: string): string {
  switch (m.kind) {
    case 'different-sessions':
      return (
        `${earlier} and ${later} come from different DevTools sessions: ${m.differing} of ${m.compared} object ids they share ` +
        'name different objects (ids are only comparable within one session; save all three snapshots without closing DevTools or reloading)'
      );
    case 'unrelated':
      return (
        `${earlier} and ${later} do not look like one page at two moments: only ${m.surviving} of ${m.sampled} sampled objects ` +
        'survive from one to the other (save all three snapshots of one page in one DevTools session)'
      );
    case 'out-of-order':
      return (
        `${later} was taken before ${earlier} (its newest object id @${m.laterMaxId} is older than @${m.earlierMaxId}): ` +
        'pass the snapshots in the order they were taken, baseline middle final'
      );
  }
}

/** `checkout-baseline`, `checkout-middle`, `checkout-final` (as --save-snapshots names them) → `checkout`. */
function scenarioName(files: SnapshotFiles): string {
  const stems = files.map((f) => basename(f).replace(/\.heapsnapshot$/i, ''));
  let prefix = stems[0];
  for (const s of stems) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.replace(/[-_. ]+$/, '');
  return prefix || stems.join(' · ');
}

/** The page's own Window (`Window / https://…`) in the final snapshot, as the run's url. */
function pageUrl(s: HeapSnapshot): string {
  for (const n of findUserRoots(s)) {
    const d = describeRoot(s, n);
    const m = d.kind === 'window' ? /^Window \((.*)\)$/.exec(d.label) : null;
    if (m) return m[1];
  }
  return '';
}
