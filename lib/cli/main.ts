// The `leakhound` command line: yargs setup, the list of verbs, and the single place where a
// failure becomes one stderr line and an exit code. Nothing here analyses anything.
import yargs, { type ArgumentsCamelCase, type Argv, type CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { commandName, requiredPositionals, type Command, type CommandContext } from './command.js';
import { toolVersion } from './env.js';
import { describeFailure } from './exit.js';
import { createOutput, type TextSink } from './output.js';
import { suggest } from './suggest.js';
/* eslint-disable @typescript-eslint/no-explicit-any -- a list of verbs with different argument types */

/**
 * A verb: a `Command` (its `run` resolves to the exit code), or a plain yargs
 * `CommandModule` whose handler sets `process.exitCode`.
 */
export type CliCommand = Command<any> | CommandModule<any, any>;

/** A verb by name, and how to load its module. */
export interface LazyCommand {
  name: string;
  load: () => Promise<CliCommand>;
}

/**
 * Every verb, in the order `--help` lists them. Modules load on demand: an offline verb
 * (`types` on a saved snapshot) must not pay for puppeteer, listr2 or Graphviz at startup.
 */
export const COMMANDS: readonly LazyCommand[] = [
  { name: 'run', load: async () => (await import('./commands/run.js')).runCommand },
  { name: 'inspect', load: async () => (await import('./commands/inspect.js')).inspectCommand },
  { name: 'minimize', load: async () => (await import('./commands/minimize.js')).minimizeCommand },
  { name: 'merge', load: async () => (await import('./commands/merge.js')).mergeCommand },
  { name: 'analyze', load: async () => (await import('./commands/analyze.js')).analyzeCommand },
  { name: 'types', load: async () => (await import('./commands/types.js')).typesCommand },
  { name: 'count', load: async () => (await import('./commands/count.js')).countCommand },
  { name: 'by-type', load: async () => (await import('./commands/by-type.js')).byTypeCommand },
  { name: 'at', load: async () => (await import('./commands/at.js')).atCommand },
  { name: 'chain', load: async () => (await import('./commands/chain.js')).chainCommand },
  { name: 'graph', load: async () => (await import('./commands/graph.js')).graphCommand },
  { name: 'diff', load: async () => (await import('./commands/diff.js')).diffCommand },
];

/**
 * The verbs a command line needs: only the one it names, none for `--version`, or every
 * verb when it names none (top-level help, a typo to suggest a fix for).
 */
export async function loadCommands(argv: readonly string[], verbs: readonly LazyCommand[] = COMMANDS): Promise<CliCommand[]> {
  const first = argv.find((a) => !a.startsWith('-'));
  const named = verbs.find((v) => v.name === first);
  if (named) return [await named.load()];
  // `--version` alone needs no verb: loading them all would load puppeteer (0.4 s) to print one line.
  if (first === undefined && argv.includes('--version') && !argv.includes('--help') && !argv.includes('-h')) return [];
  return Promise.all(verbs.map((v) => v.load()));
}

export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  success; no leak found',
  '  1  leaks found',
  '  2  usage or input error (bad flag, unreadable or invalid snapshot, unknown class or id)',
  '  3  browser or scenario failure, or an internal error',
].join('\n');

export interface RunCliOptions {
  env?: NodeJS.ProcessEnv;
  stdout?: TextSink;
  stderr?: TextSink;
  commands?: readonly CliCommand[];
}

interface CliState {
  code: number;
  failure: unknown;
}

/** Runs one command line (arguments after the script name) and resolves to the exit code. */
export async function runCli(argv: string[], opts: RunCliOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const stderr = opts.stderr ?? process.stderr;
  const debug = env.LEAKHOUND_DEBUG !== undefined && env.LEAKHOUND_DEBUG !== '' && env.LEAKHOUND_DEBUG !== '0';
  const state: CliState = { code: 0, failure: undefined };
  const y = buildParser(argv, opts.commands ?? (await loadCommands(argv)), state, (args) => ({
    out: createOutput({ color: args.color as boolean | undefined, stream: opts.stdout, env }),
    note: (text) => void stderr.write(`leakhound: ${text}\n`),
    env,
  }));
  try {
    await y.parseAsync();
  } catch (err) {
    state.failure = err;
  }
  if (state.failure === undefined) return state.code;
  const { code, message } = describeFailure(state.failure, { debug });
  stderr.write(`leakhound: ${message}\n`);
  return code;
}

function buildParser(
  argv: string[],
  commands: readonly CliCommand[],
  state: CliState,
  context: (args: ArgumentsCamelCase<Record<string, unknown>>) => CommandContext,
): Argv {
  let y: Argv = yargs(argv)
    .scriptName('leakhound')
    .usage(
      '$0 <command> [options]\n\n' +
        'Hunt memory leaks in web pages. The snapshot commands work offline on any .heapsnapshot,\n' +
        'including ones saved from Chrome DevTools (Memory panel → Save profile).',
    )
    .option('color', {
      type: 'boolean',
      describe: 'colour the output (default: when stdout is a terminal and NO_COLOR is unset)',
    })
    .strict()
    .demandCommand(1, 'missing a command')
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .example('$0 types page.heapsnapshot', 'the most common classes')
    .example('$0 diff old.heapsnapshot new.heapsnapshot', 'what grew, and what holds it')
    .example('$0 chain page.heapsnapshot @1234', 'why is object @1234 still alive?')
    .epilogue(EXIT_CODES_HELP)
    .exitProcess(false)
    .fail((msg, err) => {
      throw usageError(msg, err, argv, commands);
    });
  // Not a terminal (pipes, tests): terminalWidth() is null; keep help at a readable width.
  y = y.wrap(Math.min(100, y.terminalWidth() || 100));
  for (const c of commands) {
    // Errors from a verb are kept here rather than thrown through yargs, whose fail
    // handler is for command-line mistakes only.
    const handler = async (args: ArgumentsCamelCase<Record<string, unknown>>) => {
      try {
        if ('run' in c) {
          state.code = (await c.run(args, context(args))) ?? 0;
        } else {
          await c.handler(args);
          state.code = typeof process.exitCode === 'number' ? process.exitCode : Number(process.exitCode ?? 0);
        }
      } catch (err) {
        state.failure = err;
      }
    };
    const builder = (sub: Argv) => {
      const built = 'run' in c ? c.builder(sub) : typeof c.builder === 'function' ? c.builder(sub) : sub.options(c.builder ?? {});
      return (built as Argv).epilogue(EXIT_CODES_HELP);
    };
    y = y.command(c.command as string, (c.describe ?? '') as string, builder, handler);
  }
  return y;
}

/** yargs' validation message, reworded to say what is wrong and where help is. */
function usageError(msg: string | null, err: Error | undefined, argv: string[], commands: readonly CliCommand[]): UsageError {
  const names = commands.map((c) => commandName({ command: c.command as string }));
  const first = argv.find((a) => !a.startsWith('-'));
  const command = first !== undefined ? commands.find((c) => commandName({ command: c.command as string }) === first) : undefined;
  const hint = command ? `(see leakhound ${first} --help)` : '(see leakhound --help)';
  let text = err?.message ?? msg ?? 'invalid command line';
  if (!command && first !== undefined && /^Unknown arguments?:/.test(text)) {
    const close = suggest(first, names, 2);
    text = `unknown command '${first}'${close.length ? ` (did you mean ${close.map((n) => `'${n}'`).join(' or ')}?)` : ''}`;
  } else {
    text = reword(text, argv, command ? requiredPositionals({ command: command.command as string }) : []);
  }
  return new UsageError(`${text} ${hint}`);
}

function reword(text: string, argv: string[], required: string[]): string {
  const notEnough = /^Not enough non-option arguments: got (\d+), need at least (\d+)/.exec(text);
  if (notEnough && required.length > 0) {
    const missing = required.slice(Number(notEnough[1]));
    if (missing.length > 0) return `missing argument${missing.length > 1 ? 's' : ''} ${missing.join(' ')}`;
  }
  const unknown = /^Unknown arguments?: (.*)$/.exec(text);
  if (unknown) {
    return unknown[1]
      .split(', ')
      .map((name) => {
        const flag = name.length === 1 ? `-${name}` : `--${name}`;
        const given = argv.some((a) => a === flag || a.startsWith(flag + '='));
        return given ? `unknown option ${flag}` : `unexpected argument '${name}'`;
      })
      .join(', ');
  }
  const missingOpt = /^Missing required arguments?: (.*)$/.exec(text);
  if (missingOpt) {
    const flags = missingOpt[1].split(', ').map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
    return `missing required option ${flags.join(', ')}`;
  }
  return text.charAt(0).toLowerCase() + text.slice(1);
}
