// The history file on disk: missing is empty, a line cut short by a killed job is skipped,
// and the next append starts on a fresh line so no row is lost.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendHistoryFile, readHistoryFile } from '../../lib/history/file.js';
import { rowsOfRun } from '../../lib/history/rows.js';
import { UsageError } from '../../lib/errors.js';
import { huntResult } from '../report/fixture.js';

describe('history/file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'leakhound-history-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file is an empty history; appending creates it (and its folder)', () => {
    const file = join(dir, 'sub', 'h.ndjson');
    expect(readHistoryFile(file)).to.deep.equal({ rows: [], skipped: 0 });
    appendHistoryFile(file, rowsOfRun(huntResult(), 'r1'));
    const back = readHistoryFile(file);
    expect(back.skipped).to.equal(0);
    expect(back.rows.map((r) => r.runId)).to.deep.equal(['r1', 'r1', 'r1', 'r1', 'r1']);
  });

  it('after a truncated last line, the next run still lands on its own lines', () => {
    const file = join(dir, 'cut.ndjson');
    appendHistoryFile(file, rowsOfRun(huntResult(), 'r1'));
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text + text.split('\n')[0].slice(0, 30)); // a job killed mid-write
    appendHistoryFile(file, rowsOfRun(huntResult(), 'r2'));
    const back = readHistoryFile(file);
    expect(back.skipped).to.equal(1);
    expect(back.rows.filter((r) => r.runId === 'r2')).to.have.length(5);
  });

  it('a directory in place of the file is a usage error naming it', () => {
    const file = join(dir, 'is-a-dir');
    mkdirSync(file);
    expect(() => readHistoryFile(file)).to.throw(UsageError, /--history .*is-a-dir: is a directory/);
  });
});
