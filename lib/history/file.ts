// Reading and appending the history file. A missing file is an empty history; a last line
// cut short (a job killed mid-write) is skipped, and the next append starts on a new line.
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { parseHistory, serializeRows, type HistoryRow, type ParsedHistory } from './rows.js';

export function readHistoryFile(file: string): ParsedHistory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { rows: [], skipped: 0 };
    throw new UsageError(`--history ${file}: ${code === 'EISDIR' ? 'is a directory' : 'cannot be read'} (${code ?? String(err)})`);
  }
  return parseHistory(text);
}

export function appendHistoryFile(file: string, rows: readonly HistoryRow[]): void {
  if (rows.length === 0) return;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const prefix = endsWithNewline(file) ? '' : '\n';
  // One write: appends of a few KB from two jobs do not interleave within a row.
  appendFileSync(file, prefix + serializeRows(rows));
}

function endsWithNewline(file: string): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return true;
  }
  if (size === 0) return true;
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, size - 1);
    return b[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
