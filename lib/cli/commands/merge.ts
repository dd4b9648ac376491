// `leakhound merge shard-*.json`: one result and the same reports an unsharded run gives,
// from the `--json` results of `--shard i/n` jobs. A missing or corrupt shard file is one
// note naming it; the others are still merged and the exit code says failed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { defineCommand } from '../command.js';
import { renderReport } from '../../report/index.js';
import type { HuntResult } from '../../analysis/result.js';
import { mergeResults, resultProblem, type ShardInput } from '../../runner/merge.js';
import { toolVersion } from '../env.js';
import { FAIL_ON, applyHistory, exitCodeFor, type FailOn } from '../history.js';

interface MergeArgs {
  results: string[];
  json?: string;
  junit?: string;
  markdown?: string;
  html?: string;
  history?: string;
  'fail-on'?: FailOn;
  'show-internal': boolean;
}

export const mergeCommand = defineCommand<MergeArgs>({
  command: 'merge <results..>',
  describe: 'Merge the --json results of --shard runs into one result and its reports',
  builder: (y: Argv) =>
    y
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'JSON results of `run --shard i/n --json FILE`' })
      .option('json', { type: 'string', describe: 'write the merged JSON result to FILE' })
      .option('junit', { type: 'string', describe: 'write a JUnit XML report to FILE' })
      .option('markdown', { type: 'string', describe: 'write a Markdown report to FILE (e.g. $GITHUB_STEP_SUMMARY)' })
      .option('html', { type: 'string', describe: 'write a self-contained HTML report to FILE' })
      .option('history', { type: 'string', describe: 'NDJSON file of past runs: mark leaks new / still there / fixed, and append this run' })
      .option('fail-on', { choices: FAIL_ON, describe: "which leaks fail: 'any' (default) or only 'new' ones (see --history)" })
      .option('show-internal', { type: 'boolean', default: false, describe: 'also list growth that only browser internals explain' })
      .example('$0 merge shard-*.json --junit leaks.xml --markdown "$GITHUB_STEP_SUMMARY"', 'one report for a CI matrix') as unknown as Argv<MergeArgs>,
  run: async (args, ctx) => {
    const inputs = args.results.map((file) => readShard(file));
    for (const i of inputs) if (i.error) ctx.note(`${i.file}: ${i.error}; merged the other results`);
    let result: HuntResult = mergeResults(inputs, toolVersion());
    if (args.history) result = applyHistory(result, args.history, ctx.note);
    const write = (file: string | undefined, text: string) => {
      if (!file) return;
      mkdirSync(dirname(resolve(file)), { recursive: true });
      writeFileSync(file, text);
    };
    write(args.json, renderReport(result, 'json'));
    write(args.junit, renderReport(result, 'junit'));
    write(args.markdown, renderReport(result, 'markdown'));
    write(args.html, renderReport(result, 'html'));
    const color = ctx.out.colors.isColorSupported;
    ctx.out.line(renderReport(result, 'terminal', { color, showInternal: args['show-internal'], width: process.stdout.columns }).trimEnd());
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
