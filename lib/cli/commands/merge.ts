// `leakhound merge shard-*.json`: one result and the same reports an unsharded run gives,
// from the `--json` results of `--shard i/n` jobs. A missing or corrupt shard file is one
// note naming it; the others are still merged and the exit code says failed.
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { defineCommand } from '../command.js';
import { reportFileOptions, writeReports, type ReportFileArgs } from '../report-files.js';
import type { HuntResult } from '../../analysis/result.js';
import { mergeResults, resultProblem, type ShardInput } from '../../runner/merge.js';
import { toolVersion } from '../env.js';
import { FAIL_ON, applyHistory, exitCodeFor, type FailOn } from '../history.js';

interface MergeArgs extends ReportFileArgs {
  results: string[];
  history?: string;
  'fail-on'?: FailOn;
}

export const mergeCommand = defineCommand<MergeArgs>({
  command: 'merge <results..>',
  describe: 'Merge the --json results of --shard runs into one result and its reports',
  builder: (y: Argv) =>
    reportFileOptions(y, 'write the merged JSON result to FILE')
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'JSON results of `run --shard i/n --json FILE`' })
      .option('history', { type: 'string', describe: 'NDJSON file of past runs: mark leaks new / still there / fixed, and append this run' })
      .option('fail-on', { choices: FAIL_ON, describe: "which leaks fail: 'any' (default) or only 'new' ones (see --history)" })
      .example('$0 merge shard-*.json --junit leaks.xml --markdown "$GITHUB_STEP_SUMMARY"', 'one report for a CI matrix') as unknown as Argv<MergeArgs>,
  run: async (args, ctx) => {
    const inputs = args.results.map((file) => readShard(file));
    for (const i of inputs) if (i.error) ctx.note(`${i.file}: ${i.error}; merged the other results`);
    let result: HuntResult = mergeResults(inputs, toolVersion());
    if (args.history) result = applyHistory(result, args.history, ctx.note);
    writeReports(result, args, ctx.out.line, ctx.out.colors.isColorSupported);
    return exitCodeFor(result, args['fail-on']);
  },
});

function readShard(file: string): ShardInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { file, error: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(err)})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { file, error: 'not valid JSON (cut short?)' };
  }
  const problem = resultProblem(value);
  return problem ? { file, error: problem } : { file, result: value as HuntResult };
}
