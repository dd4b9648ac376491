// Every way a user can get the command line or the input wrong: exactly one line on stderr
// saying what is wrong, nothing on stdout, no stack trace, exit code 2.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, leakhound, tempDir, writeSnapshot } from './harness.js';
import { pageSnapshot } from './fixtures.js';

describe('leakhound bad input', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => void;
  let snap: string;
  const files: Record<string, string> = {};

  before(function () {
    this.timeout(120_000);
    ensureBuilt();
    ({ dir, cleanup } = tempDir());
    snap = writeSnapshot(dir, 'page.heapsnapshot', pageSnapshot({ foos: 3 }));
    const text = pageSnapshot({ foos: 3 }).toJSON();
    files.empty = join(dir, 'empty.heapsnapshot');
    writeFileSync(files.empty, '');
    files.truncated = join(dir, 'truncated.heapsnapshot');
    writeFileSync(files.truncated, text.slice(0, Math.floor(text.length * 0.6)));
    files.cpuprofile = join(dir, 'trace.cpuprofile');
    writeFileSync(
      files.cpuprofile,
      JSON.stringify({
        nodes: [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, hitCount: 0 }],
        startTime: 0,
        endTime: 1,
        samples: [],
        timeDeltas: [],
      }),
    );
    files.notJson = join(dir, 'notes.heapsnapshot');
    writeFileSync(files.notJson, 'hello\n');
  });
  after(() => cleanup?.());

  async function expectUsageError(args: string[], message: RegExp): Promise<void> {
    const r = await leakhound(args);
    expect(r.code, `exit code of leakhound ${args.join(' ')}`).to.equal(2);
    expect(r.stdout).to.equal('');
    const lines = r.stderr.split('\n');
    expect(lines, r.stderr).to.have.length(2); // one line and its newline
    expect(lines[0]).to.match(/^leakhound: /);
    expect(lines[0]).to.match(message);
    expect(r.stderr).not.to.match(/\n\s+at |Error:|Usage:|Options:/);
  }

  it('a missing file', () =>
    expectUsageError(['types', join(dir, 'nope.heapsnapshot')], /cannot read .*nope\.heapsnapshot: no such file$/));

  it('an output file that cannot be written', () =>
    expectUsageError(['graph', snap, '@1', '-o', join(dir, 'no', 'such', 'dir', 'g.svg')], /no[/\\]such[/\\]dir[/\\]g\.svg: no such file or directory$/));

  it('a directory', () => expectUsageError(['count', dir, 'Foo'], /is a directory/));

  it('an empty file', () => expectUsageError(['types', files.empty], /empty\.heapsnapshot: empty input$/));

  it('a truncated snapshot', () => expectUsageError(['chain', files.truncated, '@1'], /truncated\.heapsnapshot: truncated/));

  it('a CPU profile', () =>
    expectUsageError(['types', files.cpuprofile], /trace\.cpuprofile: not a V8 heap snapshot.*looks like a CPU profile/));

  it('a file that is not JSON', () => expectUsageError(['types', files.notJson], /notes\.heapsnapshot: not JSON/));

  it('one bad snapshot of two in diff', () => expectUsageError(['diff', snap, files.empty], /empty\.heapsnapshot: empty input/));

  it('an unknown class, with close names suggested', () =>
    expectUsageError(['count', snap, 'foo'], /no class 'foo' in .*page\.heapsnapshot \(did you mean 'Foo'\?\)$/));

  it('an unknown class with nothing close, pointing at `types`', () =>
    expectUsageError(['by-type', snap, 'Zyzzyva'], /no class 'Zyzzyva' .*see `leakhound types .*page\.heapsnapshot`/));

  it('an unknown id', () => expectUsageError(['at', snap, '@424242'], /no object @424242 in .*page\.heapsnapshot$/));

  it('an unknown id in chain and graph', async () => {
    await expectUsageError(['chain', snap, '424242'], /no object @424242/);
    await expectUsageError(['graph', snap, '@1', '@424242', '-o', join(dir, 'g.svg')], /no object @424242/);
  });

  it('an id that is not a number', () => expectUsageError(['at', snap, 'foo'], /'foo' is not an object id \(expected @123 or 123\)/));

  it('a wrong flag', () => expectUsageError(['types', snap, '--bogus'], /^leakhound: unknown option --bogus \(see leakhound types --help\)$/));

  it('a wrong short flag', () => expectUsageError(['count', snap, 'Foo', '-q'], /unknown option -q/));

  it('a missing argument', async () => {
    await expectUsageError(['count', snap], /^leakhound: missing argument <class> \(see leakhound count --help\)$/);
    await expectUsageError(['diff'], /^leakhound: missing arguments <before> <after> \(see leakhound diff --help\)$/);
    await expectUsageError(['graph', snap, '-o', join(dir, 'g.svg')], /missing argument <id>/);
  });

  it('an extra argument', () => expectUsageError(['types', snap, 'extra'], /unexpected argument 'extra' \(see leakhound types --help\)/));

  it('a missing required option', () => expectUsageError(['graph', snap, '@1'], /missing required option --output/));

  it('a bad option value', async () => {
    await expectUsageError(['types', snap, '--top', 'many'], /--top must be a whole number ≥ 1 \(see leakhound types --help\)/);
    await expectUsageError(['by-type', snap, 'Foo', '--limit', '0'], /--limit must be a whole number ≥ 1, got 0/);
    await expectUsageError(['types', snap, '--sort', 'size'], /invalid values?:.*size/i);
    await expectUsageError(['graph', snap, '@1', '-o', join(dir, 'g.png')], /-o .*g\.png: the file must end in \.svg or \.dot/);
  });

  it('an unknown command, with a suggestion', () =>
    expectUsageError(['typs', snap], /^leakhound: unknown command 'typs' \(did you mean 'types'\?\) \(see leakhound --help\)$/));

  it('no command at all', () => expectUsageError([], /^leakhound: missing a command \(see leakhound --help\)$/));

  it('--help and --version succeed on stdout', async () => {
    const help = await leakhound(['--help']);
    expect(help.code).to.equal(0);
    expect(help.stderr).to.equal('');
    for (const verb of ['types', 'count', 'by-type', 'at', 'chain', 'graph', 'diff']) expect(help.stdout).to.include(`leakhound ${verb} <`);
    expect(help.stdout).to.include('Exit codes:\n  0  success; no leak found\n  1  leaks found\n  2  usage or input error');
    const sub = await leakhound(['chain', '--help']);
    expect(sub.stdout).to.match(/^leakhound chain <snapshot> <id>\n/);
    expect(sub.stdout).to.include('--max-depth').and.include('Exit codes:');
    const version = await leakhound(['--version']);
    expect(version.stdout).to.match(/^\d+\.\d+\.\d+\n$/);
    expect(version.code).to.equal(0);
  });
});
