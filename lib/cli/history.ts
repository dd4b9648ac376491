// `--history FILE` and `--fail-on`, shared by `run` and `merge`: compare the result with
// the earlier runs in the file, append this run's rows, and decide which leaks fail.
import type { HuntResult } from '../analysis/result.js';
import { compareWithHistory, isNewLeak, newRunId } from '../history/compare.js';
import { appendHistoryFile, readHistoryFile } from '../history/file.js';
import { ExitCode } from '../errors.js';

export const FAIL_ON = ['any', 'new'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Annotates `result` from the history file and appends this run to it. */
export function applyHistory(result: HuntResult, file: string, note: (text: string) => void): HuntResult {
  const past = readHistoryFile(file);
  if (past.skipped > 0) note(`--history ${file}: skipped ${past.skipped} unreadable line(s) (a run cut short?)`);
  const { result: annotated, rows } = compareWithHistory(result, past.rows, newRunId(result.startedAt));
  appendHistoryFile(file, rows);
  return annotated;
}

/**
 * 3 when any scenario could not run, else 1 when any leak fails the run, else 0. With
 * `--fail-on new` only leaks whose signature the scenario's previous run did not have fail.
 */
export function exitCodeFor(result: HuntResult, failOn: FailOn = 'any'): number {
  if (result.scenarios.some((s) => s.status === 'failed')) return ExitCode.failed;
  const failing = result.scenarios.some((s) => s.leaks.some((l) => (failOn === 'new' ? isNewLeak(l) : !l.ignored)));
  return failing ? ExitCode.leaksFound : ExitCode.ok;
}
