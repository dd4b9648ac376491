// --history as pure functions: rows in, new / still there / fixed and the trend out. Runs
// are built the way the runner reports them, then fed through rowsOfRun as a real file would.
import { expect } from 'chai';
import type { HuntResult, Leak, ScenarioResult } from '../../lib/analysis/result.js';
import { compareWithHistory, isNewLeak, newRunId, TREND_RUNS } from '../../lib/history/compare.js';
import { parseHistory, rowsOfRun, serializeRows, type HistoryRow } from '../../lib/history/rows.js';
import { exitCodeFor } from '../../lib/cli/history.js';
import { cleanScenario, detachedLeak, huntResult, ignoredLeak, leakingScenario, todoHeapLeak } from '../report/fixture.js';

function run(date: string, scenarios: ScenarioResult[]): HuntResult {
  return { ...huntResult(scenarios), startedAt: date };
}

function withLeaks(leaks: Leak[]): ScenarioResult {
  const s = leakingScenario();
  s.leaks = leaks;
  s.status = leaks.some((l) => !l.ignored) ? 'leaks' : 'clean';
  return s;
}

function failed(): ScenarioResult {
  return { ...leakingScenario(), status: 'failed', leaks: [], error: { step: 'open', message: 'cannot open' } };
}

/** Runs the comparisons night after night, each night's rows appended as the CLI does. */
function nights(...results: HuntResult[]): { last: HuntResult; rows: HistoryRow[] } {
  let rows: HistoryRow[] = [];
  let last!: HuntResult;
  results.forEach((r, i) => {
    const cmp = compareWithHistory(r, parseHistory(serializeRows(rows)).rows, `run-${i}`);
    rows = [...rows, ...cmp.rows];
    last = cmp.result;
  });
  return { last, rows };
}

describe('history/compare', () => {
  it('first run: every leak is new, no fixed, a one-point trend', () => {
    const { last } = nights(run('2026-12-01T02:00:00.000Z', [withLeaks([todoHeapLeak()])]));
    const s = last.scenarios[0];
    expect(s.leaks[0].history).to.deep.equal({ status: 'new' });
    expect(s.fixed).to.equal(undefined);
    expect(s.trend).to.have.length(1);
    expect(last.history).to.deep.equal({ runId: 'run-0', previousRuns: 0 });
  });

  it('a leak seen the night before is still there since the first night of its streak; a gone one is fixed', () => {
    const { last } = nights(
      run('2026-12-01T02:00:00.000Z', [withLeaks([todoHeapLeak(), detachedLeak()])]),
      run('2026-12-02T02:00:00.000Z', [withLeaks([todoHeapLeak(), detachedLeak()])]),
      run('2026-12-03T02:00:00.000Z', [withLeaks([todoHeapLeak()])]),
    );
    const s = last.scenarios[0];
    expect(s.leaks.map((l) => l.history)).to.deep.equal([{ status: 'still', since: '2026-12-01T02:00:00.000Z', runs: 3 }]);
    expect(s.fixed).to.deep.equal([
      { signature: detachedLeak().signature, headline: 'Detached <li>', since: '2026-12-01T02:00:00.000Z', lastSeen: '2026-12-02T02:00:00.000Z' },
    ]);
    expect(s.trend!.map((p) => p.leaks)).to.deep.equal([2, 2, 1]);
    expect(last.history!.previousRuns).to.equal(2);
  });

  it('a leak that went away and came back is new again, its streak restarts', () => {
    const { last } = nights(
      run('2026-12-01T02:00:00.000Z', [withLeaks([todoHeapLeak()])]),
      run('2026-12-02T02:00:00.000Z', [withLeaks([])]),
      run('2026-12-03T02:00:00.000Z', [withLeaks([todoHeapLeak()])]),
    );
    expect(last.scenarios[0].leaks[0].history).to.deep.equal({ status: 'new' });
  });

  it('a failed run says nothing about leaks: skipped for new/still/fixed, shown in the trend', () => {
    const { last } = nights(
      run('2026-12-01T02:00:00.000Z', [withLeaks([todoHeapLeak(), detachedLeak()])]),
      run('2026-12-02T02:00:00.000Z', [failed()]),
      run('2026-12-03T02:00:00.000Z', [withLeaks([todoHeapLeak()])]),
    );
    const s = last.scenarios[0];
    expect(s.leaks[0].history).to.deep.equal({ status: 'still', since: '2026-12-01T02:00:00.000Z', runs: 2 });
    expect(s.fixed!.map((f) => f.headline)).to.deep.equal(['Detached <li>']);
    expect(s.trend!.map((p) => p.status)).to.deep.equal(['leaks', 'failed', 'leaks']);
  });

  it('a failed run now gets no fixed list (its leaks are unknown), and is recorded as failed', () => {
    const { last, rows } = nights(run('2026-12-01T02:00:00.000Z', [withLeaks([todoHeapLeak()])]), run('2026-12-02T02:00:00.000Z', [failed()]));
    expect(last.scenarios[0].fixed).to.equal(undefined);
    expect(rows.at(-1)).to.deep.include({ status: 'failed', signature: null, runId: 'run-1' });
  });

  it('history follows scenarios by name: another scenario with the same leak is its own history', () => {
    const other = { ...withLeaks([todoHeapLeak()]), name: 'another flow' };
    const { last } = nights(run('2026-12-01T02:00:00.000Z', [withLeaks([todoHeapLeak()])]), run('2026-12-02T02:00:00.000Z', [other]));
    expect(last.scenarios[0].leaks[0].history!.status).to.equal('new');
  });

  it('rows: one per leak (ignored ones flagged), one without signature for a clean scenario', () => {
    const rows = rowsOfRun(run('2026-12-01T02:00:00.000Z', [cleanScenario(), withLeaks([todoHeapLeak(), ignoredLeak()])]), 'r1');
    expect(rows.map((r) => [r.scenario, r.signature, r.ignored ?? false])).to.deep.equal([
      ['open and close dialog', null, false],
      ['add and remove todos', todoHeapLeak().signature, false],
      ['add and remove todos', ignoredLeak().signature, true],
    ]);
    expect(rows[1]).to.deep.include({ v: 1, runId: 'r1', date: '2026-12-01T02:00:00.000Z', status: 'leaks', headline: 'TodoItem', kind: 'heap' });
  });

  it('parse: a truncated last line and non-row lines are skipped and counted', () => {
    const good = serializeRows(rowsOfRun(run('2026-12-01T02:00:00.000Z', [cleanScenario()]), 'r1'));
    const parsed = parseHistory(`${good}{"v":1,"runId":"r2","date":"2026-12-02T0\n[1,2]\n\n{"v":1}\n`);
    expect(parsed.rows).to.have.length(1);
    expect(parsed.skipped).to.equal(3);
  });

  it('the trend keeps the last runs only', () => {
    const results = Array.from({ length: TREND_RUNS + 5 }, (_, i) =>
      run(`2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(Math.floor(i / 28)).padStart(2, '0')}:00:00.000Z`, [withLeaks([todoHeapLeak()])]),
    );
    const { last } = nights(...results);
    expect(last.scenarios[0].trend).to.have.length(TREND_RUNS);
  });

  it('--fail-on new: only leaks not seen in the previous run fail; failed scenarios still exit 3', () => {
    const { last } = nights(
      run('2026-12-01T02:00:00.000Z', [withLeaks([todoHeapLeak()])]),
      run('2026-12-02T02:00:00.000Z', [withLeaks([todoHeapLeak()])]),
    );
    expect(exitCodeFor(last, 'any')).to.equal(1);
    expect(exitCodeFor(last, 'new')).to.equal(0);
    const { last: withNew } = nights(
      run('2026-12-01T02:00:00.000Z', [withLeaks([todoHeapLeak()])]),
      run('2026-12-02T02:00:00.000Z', [withLeaks([todoHeapLeak(), detachedLeak()])]),
    );
    expect(exitCodeFor(withNew, 'new')).to.equal(1);
    expect(isNewLeak({ ignored: true })).to.equal(false);
    expect(exitCodeFor(run('2026-12-01T02:00:00.000Z', [failed()]), 'new')).to.equal(3);
  });

  it('run ids sort by start time and differ between parallel jobs', () => {
    const ids = [newRunId('2026-12-01T02:00:00.000Z', () => 0.1), newRunId('2026-12-01T02:00:00.000Z', () => 0.9)];
    expect(ids[0]).to.match(/^2026-12-01T02:00:00\.000Z-[0-9a-f]{6}$/);
    expect(ids[0]).to.not.equal(ids[1]);
  });
});
