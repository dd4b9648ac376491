// The history file: NDJSON, one row per scenario and leak signature per run, appended after
// every run. A row is small, flat and versioned, so the file can be grepped, diffed,
// loaded into a spreadsheet or a database, and a line cut short by a killed job is skipped.
import type { HuntResult, LeakKind, ScenarioStatus } from '../analysis/result.js';

export const HISTORY_ROW_VERSION = 1;

export interface HistoryRow {
  v: typeof HISTORY_ROW_VERSION;
  runId: string;
  /** When the run started (ISO 8601). */
  date: string;
  /** The scenario's name: history follows a scenario by name, wherever its file lives. */
  scenario: string;
  file: string;
  status: ScenarioStatus;
  /** null on the one row of a scenario run that had no leak (clean or failed). */
  signature: string | null;
  headline?: string;
  kind?: LeakKind;
  ignored?: boolean;
  bytesPerIteration?: number;
}

const STATUSES: ReadonlySet<string> = new Set(['clean', 'leaks', 'failed']);

export interface ParsedHistory {
  rows: HistoryRow[];
  /** Lines that were not rows (a truncated last line, a hand edit); they are ignored. */
  skipped: number;
}

export function parseHistory(text: string): ParsedHistory {
  const rows: HistoryRow[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    if (isRow(value)) rows.push(value);
    else skipped++;
  }
  return { rows, skipped };
}

function isRow(v: unknown): v is HistoryRow {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.runId === 'string' &&
    typeof r.date === 'string' &&
    typeof r.scenario === 'string' &&
    typeof r.status === 'string' &&
    STATUSES.has(r.status) &&
    (r.signature === null || typeof r.signature === 'string')
  );
}

/** This run's rows: one per leak (ignored ones too), or one with no signature when there is none. */
export function rowsOfRun(result: HuntResult, runId: string): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const s of result.scenarios) {
    const base = { v: HISTORY_ROW_VERSION, runId, date: result.startedAt, scenario: s.name, file: s.file, status: s.status } as const;
    if (s.leaks.length === 0) {
      rows.push({ ...base, signature: null });
      continue;
    }
    for (const l of s.leaks) {
      rows.push({
        ...base,
        signature: l.signature,
        headline: l.headline,
        kind: l.kind,
        bytesPerIteration: l.bytesPerIteration,
        ...(l.ignored ? { ignored: true } : {}),
      });
    }
  }
  return rows;
}

export function serializeRows(rows: readonly HistoryRow[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}
