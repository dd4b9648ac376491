// `leakhound run SCENARIO...`: the main job. Parses flags, runs the sweep, writes the
// requested reports, and turns the result into the documented exit code.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { defineCommand } from '../command.js';
import { reportFileOptions, writeReportFile, writeReports, type ReportFileArgs } from '../report-files.js';
import { runSweep } from '../../runner/sweep.js';
import { startStaticServer } from '../../static-server.js';
import { renderReport } from '../../report/index.js';
import type { HuntResult, ShardInfo } from '../../analysis/result.js';
import { UsageError } from '../../errors.js';
import { toolVersion } from '../env.js';
import { validateIterations } from '../../scenario/validate.js';
import { FAIL_ON, applyHistory, exitCodeFor, type FailOn } from '../history.js';

interface RunArgs extends ReportFileArgs {
  scenarios: string[];
  url?: string;
  serve?: string;
  iterations?: number;
  browser?: string;
  headful: boolean;
  'save-snapshots'?: string;
  allocations: boolean;
  progress?: 'default' | 'simple' | 'silent';
  shard?: string;
  accept?: string;
  'action-steps'?: string;
  connect?: string;
  workers?: number;
  history?: string;
  'fail-on'?: FailOn;
}

export const runCommand = defineCommand<RunArgs>({
  command: 'run <scenarios..>',
  describe: 'Hunt leaks: run scenario files against a page in Chromium',
  builder: (y: Argv) =>
    reportFileOptions(y, 'write the versioned JSON result to FILE (updated after each scenario)')
      .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'scenario files (.ts .mts .cts .js .mjs .cjs) or DevTools Recorder exports (.json)' })
      .option('url', { type: 'string', describe: 'the page, or the base URL that scenario urls are relative to' })
      .option('serve', { type: 'string', describe: 'serve this folder on 127.0.0.1 and use it as --url' })
      .option('iterations', { type: 'number', describe: 'iterations of action/back (default 6, or the scenario\'s own)' })
      .option('browser', { type: 'string', describe: 'path to Chrome/Chromium' })
      .option('headful', { type: 'boolean', default: false, describe: 'show the browser window' })
      .option('save-snapshots', { type: 'string', describe: 'also save each heap snapshot as a .heapsnapshot file in DIR' })
      .option('allocations', { type: 'boolean', default: false, describe: 'also show where leaked objects were allocated (V8 allocation tracking, source-mapped; slower)' })
      .option('shard', { type: 'string', describe: 'run only part i of n of the scenarios (e.g. 2/4), for CI matrices' })
      .option('accept', { type: 'string', describe: "a previous run's --json result: its leaks are accepted (reported, never failing)" })
      .option('action-steps', {
        type: 'string',
        describe: 'Recorder flows (.json): which steps are the action, e.g. 3-7 — 1-based positions in the file\'s "steps" array, setViewport and navigate included; overrides leakhound.action/leakhound.back markers',
      })
      .option('progress', { choices: ['default', 'simple', 'silent'] as const, describe: 'progress display on stderr' })
      .option('connect', { type: 'string', describe: 'hunt on a running browser: its ws:// DevTools URL, or http://host:port (never closed)' })
      .option('workers', { type: 'number', describe: 'scenarios hunted at once, each in its own browser context (default 1)' })
      .option('history', { type: 'string', describe: 'NDJSON file of past runs: mark leaks new / still there / fixed, and append this run' })
      .option('fail-on', { choices: FAIL_ON, describe: "which leaks fail the run: 'any' (default) or only 'new' ones (see --history)" })
      .example('$0 run scenarios/settings.mjs --url http://localhost:3000', 'hunt one flow of a running app')
      .example('$0 run flows/*.ts --serve dist --json leaks.json --junit leaks.xml', 'a nightly sweep over a static build')
      .check((a) => {
        if (a.iterations !== undefined) validateIterations(a.iterations);
        if (a.url && a.serve) throw new UsageError('use either --url or --serve, not both');
        if (a.connect && (a.browser || a.headful)) throw new UsageError('--connect uses a running browser: drop --browser and --headful');
        if (a.workers !== undefined && !(Number.isInteger(a.workers) && a.workers >= 1)) {
          throw new UsageError(`--workers ${a.workers}: expected a whole number of 1 or more`);
        }
        if (a['fail-on'] === 'new' && !a.history) throw new UsageError('--fail-on new needs --history FILE (the runs to compare with)');
        return true;
      }) as unknown as Argv<RunArgs>,
  run: (args, ctx) => runMain(args, ctx.out.colors.isColorSupported, ctx.out.line, ctx.note),
});

async function runMain(args: RunArgs, color: boolean, print: (text: string) => void, note: (text: string) => void): Promise<number> {
  let server: { url: string; close(): Promise<void> } | undefined;
  let baseUrl = args.url;
  if (args.url) {
    try {
      new URL(args.url);
    } catch {
      throw new UsageError(`--url ${args.url} is not an absolute URL (e.g. http://localhost:3000/)`);
    }
  }
  if (args.serve) {
    server = await startStaticServer({ root: resolve(args.serve) });
    baseUrl = server.url;
  }
  let result: HuntResult;
  try {
    result = await runSweep({
      scenarioFiles: selectShard(args.scenarios, args.shard),
      actionSteps: actionStepsFor(args.scenarios, args['action-steps']),
      shard: shardInfo(args.scenarios, args.shard),
      connect: args.connect,
      workers: args.workers,
      accept: args.accept ? acceptedSignatures(args.accept) : undefined,
      baseUrl,
      iterations: args.iterations,
      browser: args.browser,
      headful: args.headful,
      saveSnapshotsDir: args['save-snapshots'],
      allocations: args.allocations,
      progress: args.progress ?? (process.env.CI ? 'simple' : 'default'),
      toolVersion: toolVersion(),
      // Partial results survive a crash or a kill in the middle of a long sweep.
      onScenarioDone: (_r, soFar) => writeReportFile(args.json, renderReport(soFar, 'json')),
    });
  } finally {
    await server?.close();
  }
  if (args.history) result = applyHistory(result, args.history, note);
  writeReports(result, args, print, color);
  return exitCodeOf(result, args['fail-on']);
}

/** 3 when any scenario could not run, else 1 when any unaccepted leak (only new ones with `--fail-on new`), else 0. */
export function exitCodeOf(result: HuntResult, failOn: FailOn = 'any'): number {
  return exitCodeFor(result, failOn);
}

/** `--shard i/n`: every n-th scenario starting at the i-th, in sorted order, so shards never overlap. */
export function selectShard(files: string[], shard: string | undefined): string[] {
  if (!shard) return files;
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new UsageError(`--shard ${shard}: expected i/n with 1 ≤ i ≤ n, e.g. 1/4`);
  return [...files].sort().filter((_, k) => k % n === i - 1);
}

/** What `leakhound merge` needs to put the shards' scenarios back in the unsharded order. */
export function shardInfo(files: string[], shard: string | undefined): ShardInfo | undefined {
  const m = shard ? /^(\d+)\/(\d+)$/.exec(shard) : null;
  if (!m) return undefined;
  return { index: Number(m[1]), count: Number(m[2]), files: files.map((f) => resolve(f)) };
}

/** Signatures of every leak in a previous JSON result: known leaks a team has accepted for now. */
export function acceptedSignatures(file: string): string[] {
  let parsed: HuntResult;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as HuntResult;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not a leakhound JSON result';
    throw new UsageError(`--accept ${file}: ${why}`);
  }
  if (!parsed || !Array.isArray(parsed.scenarios)) throw new UsageError(`--accept ${file}: not a leakhound JSON result`);
  return parsed.scenarios.flatMap((s) => (s.leaks ?? []).map((l) => l.signature)).filter(Boolean);
}

/** `--action-steps` says which steps of a Recorder flow repeat; on scenario modules it would be silently ignored. */
function actionStepsFor(files: string[], spec: string | undefined): string | undefined {
  if (spec !== undefined && !files.some((f) => f.toLowerCase().endsWith('.json'))) {
    throw new UsageError(`--action-steps ${spec}: only DevTools Recorder flows (.json) have numbered steps`);
  }
  return spec;
}
