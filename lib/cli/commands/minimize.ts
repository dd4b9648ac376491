// `leakhound minimize FLOW.json`: shrink a Recorder flow that leaks to the few action steps
// that cause it, write that flow as Recorder JSON, and say what was removed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { defineCommand, positiveInt } from '../command.js';
import { DEFAULT_MAX_HUNTS, minimizeFlow } from '../../runner/minimize.js';
import { describeStep } from '../../scenario/recorder.js';
import { startStaticServer } from '../../static-server.js';
import { validateIterations } from '../../scenario/validate.js';
import { ExitCode, UsageError } from '../../errors.js';

interface MinimizeArgs {
  flow: string;
  url?: string;
  serve?: string;
  output?: string;
  'max-hunts'?: number;
  iterations?: number;
  'action-steps'?: string;
  signature?: string;
  browser?: string;
  headful: boolean;
  progress?: 'default' | 'simple' | 'silent';
}

export const minimizeCommand = defineCommand<MinimizeArgs>({
  command: 'minimize <flow>',
  describe: 'Shrink a leaking DevTools Recorder flow to the action steps that cause the leak (ddmin)',
  builder: (y: Argv) =>
    y
      .usage(
        '$0 minimize <flow>\n\n' +
          'Hunts the full flow, then sub-flows of its action steps (ddmin), and writes the shortest one that\n' +
          'still leaks the same signature as Recorder JSON. Exit 0: the full flow does not leak (nothing\n' +
          'written); 1: a minimal leaking flow was written; 2: usage or input error; 3: browser or replay failure.',
      )
      .positional('flow', { type: 'string', demandOption: true, describe: 'a Chrome DevTools Recorder export (.json)' })
      .option('output', { alias: 'o', type: 'string', describe: 'where to write the minimal flow (default FLOW.min.json beside FLOW)' })
      .option('url', { type: 'string', describe: "replay against this origin instead of the flow's recorded one" })
      .option('serve', { type: 'string', describe: 'serve this folder on 127.0.0.1 and use it as --url' })
      .option('max-hunts', { type: 'number', coerce: positiveInt('max-hunts'), describe: `hunts in all, the full flow's included (default ${DEFAULT_MAX_HUNTS}); when reached, the smallest leaking flow so far is written` })
      .option('iterations', { type: 'number', describe: 'iterations of each hunt (default 6)' })
      .option('action-steps', {
        type: 'string',
        describe: 'which steps are the action, e.g. 3-7: 1-based positions in the file\'s "steps" array, setViewport and navigate included (overrides leakhound.action/leakhound.back markers)',
      })
      .option('signature', { type: 'string', describe: "the leak to keep, by signature or headline (default: the full flow's first leak)" })
      .option('browser', { type: 'string', describe: 'path to Chrome/Chromium' })
      .option('headful', { type: 'boolean', default: false, describe: 'show the browser window' })
      .option('progress', { choices: ['default', 'simple', 'silent'] as const, describe: 'progress display on stderr' })
      .example('$0 minimize bug-1234.json --url http://localhost:3000', 'which of the recorded steps leaks?')
      .check((a) => {
        if (a.iterations !== undefined) validateIterations(a.iterations);
        if (a.url && a.serve) throw new UsageError('use either --url or --serve, not both');
        return true;
      }) as unknown as Argv<MinimizeArgs>,
  run: async (args, ctx) => {
    if (extname(args.flow).toLowerCase() !== '.json') {
      throw new UsageError(`${args.flow}: minimize takes a DevTools Recorder export (.json)`);
    }
    let baseUrl = args.url;
    if (baseUrl !== undefined && !URL.canParse(baseUrl)) {
      throw new UsageError(`--url ${baseUrl} is not an absolute URL (e.g. http://localhost:3000/)`);
    }
    const output = args.output ?? join(dirname(args.flow), `${basename(args.flow, extname(args.flow))}.min.json`);
    const server = args.serve ? await startStaticServer({ root: resolve(args.serve) }) : undefined;
    if (server) baseUrl = server.url;
    let r;
    try {
      r = await minimizeFlow({
        file: args.flow,
        actionSteps: args['action-steps'],
        baseUrl,
        iterations: args.iterations,
        maxHunts: args['max-hunts'],
        signature: args.signature,
        browser: args.browser,
        headful: args.headful,
        progress: args.progress ?? (process.env.CI ? 'simple' : 'default'),
      });
    } finally {
      await server?.close();
    }
    const print = ctx.out.line;
    const steps = r.flow.steps;
    const line = (i: number) => `step ${String(i + 1).padEnd(3)} ${describeStep(steps[i]!)}`;
    if (!r.target || !r.minimal) {
      print(`${args.flow}: the full flow does not leak (${r.split.action.length} action steps, ${r.full.iterations} iterations): nothing to minimize`);
      return ExitCode.ok;
    }
    mkdirSync(dirname(resolve(output)), { recursive: true });
    writeFileSync(output, `${JSON.stringify(r.minimal, null, 2)}\n`);
    const t = r.target;
    print(`The full flow leaks ${t.headline} (signature ${t.signature}).`);
    print(
      r.exhausted
        ? `--max-hunts ${r.hunts} reached: the smallest leaking flow found keeps ${r.kept.length} of ${r.split.action.length} action steps (it may not be minimal).`
        : `Minimal: ${r.kept.length} of ${r.split.action.length} action step${r.split.action.length === 1 ? '' : 's'} still leak${r.kept.length === 1 ? 's' : ''} it (${r.hunts} hunts).`,
    );
    for (const i of r.kept) print(`  kept     ${line(i)}`);
    for (const i of r.removed) print(`  removed  ${line(i)}`);
    print(`Wrote ${output}; replay it with: leakhound run ${output}${args.url ? ` --url ${args.url}` : args.serve ? ` --serve ${args.serve}` : ''}`);
    return ExitCode.leaksFound;
  },
});
