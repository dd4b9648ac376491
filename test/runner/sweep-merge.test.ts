// `leakhound merge` as a pure function: shard results back in the unsharded order, and a
// shard that left no result is never silently dropped.
import { expect } from 'chai';
import type { HuntResult, ScenarioResult } from '../../lib/analysis/result.js';
import { mergeResults, resultProblem } from '../../lib/runner/merge.js';
import { exitCodeFor } from '../../lib/cli/history.js';
import { cleanScenario, huntResult, leakingScenario } from '../report/fixture.js';

const FILES = ['/s/d.mjs', '/s/a.mjs', '/s/c.mjs', '/s/b.mjs'];

function sc(file: string, status: ScenarioResult['status'] = 'clean'): ScenarioResult {
  const base = status === 'leaks' ? leakingScenario() : cleanScenario();
  return { ...base, file, name: file.slice(3, 4), status };
}

function shard(index: number, files: string[], start: string, durationMs: number, statuses: ScenarioResult['status'][] = []): HuntResult {
  return {
    ...huntResult(files.map((f, i) => sc(f, statuses[i] ?? 'clean'))),
    startedAt: start,
    durationMs,
    shard: { index, count: 2, files: FILES },
  };
}

describe('runner/merge', () => {
  it('puts scenarios back in the order the sweep was given, spans the shards in time, drops shard info', () => {
    // --shard sorts: 1/2 = a, c; 2/2 = b, d.
    const merged = mergeResults(
      [
        { file: 'shard-2.json', result: shard(2, ['/s/b.mjs', '/s/d.mjs'], '2026-12-01T02:00:05.000Z', 10_000, ['leaks']) },
        { file: 'shard-1.json', result: shard(1, ['/s/a.mjs', '/s/c.mjs'], '2026-12-01T02:00:00.000Z', 8_000) },
      ],
      '9.9.9',
    );
    expect(merged.scenarios.map((s) => s.file)).to.deep.equal(FILES);
    expect(merged.startedAt).to.equal('2026-12-01T02:00:00.000Z');
    expect(merged.durationMs).to.equal(15_000);
    expect(merged.shard).to.equal(undefined);
    expect(merged.browser?.version).to.match(/Chrome/);
    expect(exitCodeFor(merged)).to.equal(1);
  });

  it('a missing shard: its scenarios are failed entries naming the file, the rest merged, exit 3', () => {
    const merged = mergeResults(
      [
        { file: 'shard-1.json', result: shard(1, ['/s/a.mjs', '/s/c.mjs'], '2026-12-01T02:00:00.000Z', 8_000) },
        { file: 'shard-2.json', error: 'no such file' },
      ],
      '9.9.9',
    );
    expect(merged.scenarios.map((s) => [s.file, s.status])).to.deep.equal([
      ['/s/d.mjs', 'failed'],
      ['/s/a.mjs', 'clean'],
      ['/s/c.mjs', 'clean'],
      ['/s/b.mjs', 'failed'],
    ]);
    expect(merged.scenarios[0].error).to.deep.equal({ step: 'merge', message: 'no result: shard-2.json (no such file)' });
    expect(exitCodeFor(merged)).to.equal(3);
  });

  it('without any shard list, a broken file stands as one failed entry so the run still fails', () => {
    const plain = huntResult([cleanScenario()]);
    const merged = mergeResults([{ file: 'x.json', result: plain }, { file: 'y.json', error: 'not valid JSON (cut short?)' }], '9.9.9');
    expect(merged.scenarios.map((s) => [s.name, s.status])).to.deep.equal([
      ['open and close dialog', 'clean'],
      ['y', 'failed'],
    ]);
    expect(exitCodeFor(merged)).to.equal(3);
  });

  it('a partial shard (its job died mid-sweep) leaves its unfinished scenarios failed', () => {
    const merged = mergeResults(
      [
        { file: 'shard-1.json', result: shard(1, ['/s/a.mjs', '/s/c.mjs'], '2026-12-01T02:00:00.000Z', 1) },
        { file: 'shard-2.json', result: shard(2, ['/s/b.mjs'], '2026-12-01T02:00:00.000Z', 1) },
      ],
      '9.9.9',
    );
    expect(merged.scenarios.find((s) => s.file === '/s/d.mjs')).to.deep.include({ status: 'failed' });
  });

  it('recognises what it cannot merge', () => {
    expect(resultProblem({ scenarios: [] })).to.equal('not a leakhound JSON result');
    expect(resultProblem({ ...huntResult(), schemaVersion: 7 })).to.match(/schemaVersion 7/);
    expect(resultProblem(huntResult())).to.equal(undefined);
  });
});
