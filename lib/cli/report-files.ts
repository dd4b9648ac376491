// The report outputs every result-producing verb offers (run, analyze, merge): the same
// flags, the same files, the same terminal text, so a CI job can swap one verb for another.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { renderReport } from '../report/index.js';
import type { HuntResult } from '../analysis/result.js';

export interface ReportFileArgs {
  json?: string;
  junit?: string;
  markdown?: string;
  html?: string;
  'show-internal': boolean;
}

/** `--json`, `--junit`, `--markdown`, `--html`, `--show-internal`; `json` describes what the JSON holds. */
export function reportFileOptions<T>(y: Argv<T>, json = 'write the versioned JSON result to FILE'): Argv<T> {
  return y
    .option('json', { type: 'string', describe: json })
    .option('junit', { type: 'string', describe: 'write a JUnit XML report to FILE' })
    .option('markdown', { type: 'string', describe: 'write a Markdown report to FILE (e.g. $GITHUB_STEP_SUMMARY)' })
    .option('html', { type: 'string', describe: 'write a self-contained HTML report to FILE' })
    .option('show-internal', { type: 'boolean', default: false, describe: 'also list growth that only browser internals explain' }) as unknown as Argv<T>;
}

/** Writes `text` to `file` (creating its folder); nothing when no file was asked for. */
export function writeReportFile(file: string | undefined, text: string): void {
  if (!file) return;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

/** Every report file the flags ask for, and the terminal report for `print`. */
export function writeReports(result: HuntResult, args: ReportFileArgs, print: (text: string) => void, color: boolean): void {
  writeReportFile(args.json, renderReport(result, 'json'));
  writeReportFile(args.junit, renderReport(result, 'junit'));
  writeReportFile(args.markdown, renderReport(result, 'markdown'));
  writeReportFile(args.html, renderReport(result, 'html'));
  print(renderReport(result, 'terminal', { color, showInternal: args['show-internal'], width: process.stdout.columns }).trimEnd());
}
