// `leakhound analyze BASE MIDDLE FINAL`: a hunt's verdict and reports from three snapshots
// a user saved in one DevTools session (or `run --save-snapshots` wrote), without a browser.
import type { Argv } from 'yargs';
import { defineCommand } from '../command.js';
import { reportFileOptions, writeReports, type ReportFileArgs } from '../report-files.js';
import { analyzeSnapshotFiles } from '../../runner/analyze.js';
import { DEFAULT_ITERATIONS } from '../../runner/hunt.js';
import { RESULT_SCHEMA_VERSION, type HuntResult } from '../../analysis/result.js';
import { ExitCode } from '../../errors.js';
import { validateIterations } from '../../scenario/validate.js';
import { toolVersion } from '../env.js';

interface AnalyzeArgs extends ReportFileArgs {
  baseline: string;
  middle: string;
  final: string;
  iterations?: number;
}

export const analyzeCommand = defineCommand<AnalyzeArgs>({
  command: 'analyze <baseline> <middle> <final>',
  describe: 'Find leaks in three snapshots saved in one DevTools session (before, halfway, after repeating an action)',
  builder: (y: Argv) =>
    reportFileOptions(y)
      .positional('baseline', { type: 'string', demandOption: true, describe: '.heapsnapshot before the repeated action' })
      .positional('middle', { type: 'string', demandOption: true, describe: '.heapsnapshot after half of the repetitions' })
      .positional('final', { type: 'string', demandOption: true, describe: '.heapsnapshot after all of them' })
      .option('iterations', {
        type: 'number',
        describe: `how many times the action ran between baseline and final (default ${DEFAULT_ITERATIONS}); per-iteration counts assume it`,
      })
      .example('$0 analyze s1.heapsnapshot s2.heapsnapshot s3.heapsnapshot --iterations 10', 'saved in DevTools around 5 + 5 repetitions')
      .check((a) => {
        if (a.iterations !== undefined) validateIterations(a.iterations);
        return true;
      }) as unknown as Argv<AnalyzeArgs>,
  async run(args, { out, note }) {
    const started = Date.now();
    if (args.iterations === undefined) {
      note(`assuming ${DEFAULT_ITERATIONS} iterations between baseline and final (--iterations N): per-iteration figures depend on it`);
    }
    const scenario = await analyzeSnapshotFiles([args.baseline, args.middle, args.final], { iterations: args.iterations });
    const result: HuntResult = {
      schemaVersion: RESULT_SCHEMA_VERSION,
      tool: { name: 'leakhound', version: toolVersion() },
      browser: null,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      scenarios: [scenario],
    };
    writeReports(result, args, out.line, out.colors.isColorSupported);
    // As `run`: 1 when a leak was found that nobody accepted, else 0.
    return scenario.status === 'leaks' ? ExitCode.leaksFound : ExitCode.ok;
  },
});
