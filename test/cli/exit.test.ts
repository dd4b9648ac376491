// How failures become exit codes: typed errors map to 2 or 3 with their message as one
// line; anything else is a bug, reported in one line with a hint, or with the stack on
// request. Run in-process with stand-in verbs, so every class of error can be thrown.
import { expect } from 'chai';
import type { Argv } from 'yargs';
import { BrowserError, ScenarioError, UsageError } from '../../lib/errors.js';
import { HeapQueryError, HeapSnapshotError } from '../../lib/heap/errors.js';
import { defineCommand } from '../../lib/cli/command.js';
import { describeFailure } from '../../lib/cli/exit.js';
import { VerdictInputError } from '../../lib/analysis/verdict.js';
import { runCli, type CliCommand } from '../../lib/cli/main.js';

function sink() {
  const s = { text: '', isTTY: false, write: (t: string) => void (s.text += t) };
  return s;
}

const throwing = (make: () => unknown) =>
  defineCommand({
    command: 'boom',
    describe: 'throws',
    builder: (y) => y,
    run: async () => {
      throw make();
    },
  });

async function run(argv: string[], commands: CliCommand[], env: NodeJS.ProcessEnv = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(argv, { commands, stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('cli exit codes', () => {
  it('maps typed errors to their documented codes, one line each', () => {
    const cases: [unknown, number][] = [
      [new UsageError('bad flag'), 2],
      [new HeapSnapshotError('truncated', 'a.heapsnapshot'), 2],
      [new HeapQueryError('no object @1'), 2],
      [new VerdictInputError('firstHalf must be a whole number of at least 1'), 2],
      [new BrowserError('Chromium crashed\nwhile loading'), 3],
      [new ScenarioError('step threw', 'demo', 'action'), 3],
    ];
    for (const [err, code] of cases) {
      const r = describeFailure(err);
      expect(r.code, String(err)).to.equal(code);
      expect(r.message).not.to.include('\n');
    }
    expect(describeFailure(new BrowserError('Chromium crashed\nwhile loading')).message).to.equal('Chromium crashed while loading');
  });

  it('treats file-system errors on user paths as input errors', () => {
    const err = Object.assign(new Error("ENOENT: no such file or directory, open 'x.heapsnapshot'"), {
      code: 'ENOENT',
      path: 'x.heapsnapshot',
    });
    expect(describeFailure(err)).to.deep.equal({ code: 2, message: 'x.heapsnapshot: no such file or directory' });
  });

  it('reports a bug in one line with a hint, exit 3', async () => {
    const r = await run(['boom'], [throwing(() => new TypeError('x is undefined'))]);
    expect(r.code).to.equal(3);
    expect(r.stderr).to.equal('leakhound: TypeError: x is undefined (run with LEAKHOUND_DEBUG=1 for the stack)\n');
    const odd = await run(['boom'], [throwing(() => 'a string')]);
    expect(odd.stderr).to.equal('leakhound: unexpected failure: a string (run with LEAKHOUND_DEBUG=1 for the stack)\n');
  });

  it('prints the stack of a bug with LEAKHOUND_DEBUG=1', async () => {
    const r = await run(['boom'], [throwing(() => new TypeError('x is undefined'))], { LEAKHOUND_DEBUG: '1' });
    expect(r.code).to.equal(3);
    expect(r.stderr).to.match(/^leakhound: TypeError: x is undefined\n\s+at /);
  });

  it('never prints a stack for user errors, even with LEAKHOUND_DEBUG=1', async () => {
    const r = await run(['boom'], [throwing(() => new UsageError('no such scenario'))], { LEAKHOUND_DEBUG: '1' });
    expect(r).to.deep.equal({ code: 2, stdout: '', stderr: 'leakhound: no such scenario\n' });
  });

  it('exits 3 for browser and scenario failures', async () => {
    expect((await run(['boom'], [throwing(() => new BrowserError('no Chromium found'))])).code).to.equal(3);
    expect((await run(['boom'], [throwing(() => new ScenarioError('click failed', 's', 'action'))])).code).to.equal(3);
  });

  it("uses a verb's returned code, and accepts plain yargs command modules", async () => {
    const leaks = defineCommand({ command: 'hunt', describe: 'd', builder: (y) => y, run: async () => 1 });
    expect((await run(['hunt'], [leaks])).code).to.equal(1);
    const saved = process.exitCode;
    try {
      const plain: CliCommand = {
        command: 'legacy <x>',
        describe: 'a yargs CommandModule',
        builder: (y: Argv) => y.positional('x', { type: 'string' }),
        handler: () => {
          process.exitCode = 1;
        },
      };
      expect((await run(['legacy', 'a'], [plain])).code).to.equal(1);
      const missing = await run(['legacy'], [plain]);
      expect(missing).to.deep.include({ code: 2, stderr: 'leakhound: missing argument <x> (see leakhound legacy --help)\n' });
      const failing: CliCommand = { ...plain, handler: () => Promise.reject(new BrowserError('crashed')) };
      expect(await run(['legacy', 'a'], [failing])).to.deep.include({ code: 3, stderr: 'leakhound: crashed\n' });
    } finally {
      process.exitCode = saved;
    }
  });
});
