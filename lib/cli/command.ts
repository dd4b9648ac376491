// The shape of one verb. Each command module exports one `Command`; main.ts registers a
// plain list of them, so adding a verb is one import and one list entry.
import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { Output } from './output.js';

export interface CommandContext {
  /** stdout, with colour already decided. */
  out: Output;
  /** Notes that are not the result (hints, warnings); stderr, one line each. */
  note(text: string): void;
  env: NodeJS.ProcessEnv;
}

export interface Command<A = object> {
  /** yargs syntax: `count <snapshot> <class>`; `<x>` required, `[x]` optional, `..` variadic. */
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<A>;
  /** Resolves to the exit code (0 when nothing is returned); throws typed errors. */
  run: (args: ArgumentsCamelCase<A>, ctx: CommandContext) => Promise<number | void>;
}

/** Keeps each module's argument types while letting main.ts hold a list of mixed commands. */
export function defineCommand<A>(c: Command<A>): Command<A> {
  return c;
}

/** The verb's name, the first word of its yargs syntax. */
export function commandName(c: Pick<Command, 'command'>): string {
  return c.command.split(/\s+/, 1)[0];
}

/** Required positionals in order, as help shows them (`<class>`), for "missing …" messages. */
export function requiredPositionals(c: Pick<Command, 'command'>): string[] {
  return c.command
    .split(/\s+/)
    .slice(1)
    .filter((t) => t.startsWith('<'))
    .map((t) => t.replace('..', ''));
}

/** `--json`, shared by every verb that prints a result. */
export function withJson<A>(y: Argv<A>): Argv<A & { json: boolean | undefined }> {
  return y.option('json', {
    type: 'boolean',
    describe: 'print the result as JSON instead of a table',
  });
}

/** A coerce for count-like options: yargs turns `--top x` into NaN otherwise. */
export function positiveInt(flag: string, opts: { allowZero?: boolean } = {}) {
  return (v: unknown): number => {
    const n = typeof v === 'number' ? v : Number(v);
    const min = opts.allowZero ? 0 : 1;
    if (!Number.isInteger(n) || n < min) {
      // yargs has already turned non-numbers into NaN, so there is no text worth echoing.
      const got = Number.isNaN(n) ? '' : `, got ${String(v)}`;
      throw new Error(`--${flag} must be a whole number ≥ ${min}${got}`);
    }
    return n;
  };
}
