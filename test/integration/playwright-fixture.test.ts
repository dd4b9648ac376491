// The Playwright fixture as a team's e2e suite uses it: Playwright's own runner on
// test/playwright (real Chromium, pages on 127.0.0.1), and the outcome checked here. The
// leaking specs are marked `test.fail()`, so the suite passes only when `toNotLeak` really
// fails them; this test then reads the failure Playwright reports and asserts the retainer
// chain is in it. Also: the package entries load from dist/, and `leakhound` and
// `leakhound/testing` load without Playwright installed.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, runProcess, type CliResult } from '../cli/harness.js';

interface PwResult {
  status: string;
  errors: { message?: string }[];
  attachments: { name: string; contentType: string; body?: string; path?: string }[];
}
interface PwTest {
  expectedStatus: string;
  status: string;
  results: PwResult[];
}
interface PwSpec {
  title: string;
  file: string;
  tests: PwTest[];
}
interface PwSuite {
  title: string;
  file: string;
  specs: PwSpec[];
  suites?: PwSuite[];
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runProcess(cmd, args, { ...process.env, CI: '', ...env });
}

function specs(suites: PwSuite[]): PwSpec[] {
  return suites.flatMap((s) => [...s.specs, ...specs(s.suites ?? [])]);
}

describe('leakhound/playwright: the fixture and toNotLeak under Playwright Test (real Chromium)', function () {
  this.timeout(600_000);
  const out = mkdtempSync(join(tmpdir(), 'leakhound-pw-'));
  let report: { suites: PwSuite[]; errors: unknown[] };
  let code: number | null;
  let stderr = '';
  before(async () => {
    const r = await run('npx', ['playwright', 'test', '-c', 'test/playwright/playwright.config.ts', '--reporter=json'], {
      LEAKHOUND_PW_OUTPUT: join(out, 'results'),
    });
    code = r.code;
    stderr = r.stderr;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      throw new Error(`playwright printed no JSON report (exit ${r.code}): ${r.stderr.slice(0, 2000)}`);
    }
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  const byTitle = (title: string): PwTest => {
    const spec = specs(report.suites).find((s) => s.title === title);
    if (!spec) throw new Error(`no spec titled '${title}' in Playwright's report`);
    return spec.tests[0]!;
  };

  it('runs only the *.spec.ts files (no mocha test), and the suite passes', () => {
    const all = specs(report.suites);
    expect(all.map((s) => s.file).every((f) => f.endsWith('.spec.ts')), all.map((s) => s.file).join(', ')).to.equal(true);
    expect(all).to.have.length(5);
    expect(report.errors, JSON.stringify(report.errors)).to.deep.equal([]);
    expect(code, stderr).to.equal(0);
  });

  it('a clean page passes toNotLeak, through hunt() and through start/iterate/finish', () => {
    for (const title of [
      'a dialog that lets go of its panel does not leak',
      'the step-by-step API: startHunt, iterate, finish, checked on the fixture',
      'a hunt without its own iterations takes them from the options',
    ]) {
      const t = byTitle(title);
      expect(t.results[0]!.status, `${title}: ${t.results[0]!.errors.map((e) => e.message).join('\n')}`).to.equal('passed');
      // Nothing is attached when the test passed.
      expect(t.results[0]!.attachments.map((a) => a.name)).to.not.include('leakhound-report.html');
    }
  });

  it('a leaking page fails toNotLeak with the report: headline, retainer chain and suspect edge', () => {
    const t = byTitle('a dialog that keeps every panel in a global list leaks');
    const r = t.results[0]!;
    expect(t.expectedStatus).to.equal('failed');
    expect(r.status).to.equal('failed');
    const message = r.errors.map((e) => e.message ?? '').join('\n');
    expect(message).to.include('leakhound: 1 leak found (SettingsPanel)');
    expect(message).to.match(/Window.*\.openPanels/);
    expect(message).to.include('╰─→ SettingsPanel');
    expect(message).to.include('← suspect');
    // The report is attached to the failed test: HTML and the JSON result, as files.
    const names = r.attachments.map((a) => a.name);
    expect(names).to.include.members(['leakhound-report.html', 'leakhound-result.json']);
    const html = r.attachments.find((a) => a.name === 'leakhound-report.html')!;
    expect(readFileSync(html.path!, 'utf8')).to.include('SettingsPanel');
    const json = r.attachments.find((a) => a.name === 'leakhound-result.json')!;
    const result = JSON.parse(readFileSync(json.path!, 'utf8'));
    expect(result.scenarios[0].leaks[0].headline).to.equal('SettingsPanel');
    expect(result.scenarios[0].leaks[0].classes[0].perIteration).to.equal(1);
  });

  it('a step that throws fails the check and names the step', () => {
    const t = byTitle('a step that throws fails the check with the step named');
    const message = t.results[0]!.errors.map((e) => e.message ?? '').join('\n');
    expect(t.results[0]!.status).to.equal('failed');
    expect(message).to.include("the hunt failed at step 'back (warm-up)'");
    expect(message).to.include('the close button moved');
  });
});

describe('package entries (dist/)', function () {
  this.timeout(300_000);
  before(() => ensureBuilt());

  it('leakhound/playwright exports test and expect; leakhound and leakhound/testing load without Playwright', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakhound-entry-'));
    try {
      // A resolve hook that pretends Playwright is not installed.
      const hooks = join(dir, 'no-playwright.mjs');
      writeFileSync(
        hooks,
        `export async function resolve(spec, ctx, next) {
  if (spec === '@playwright/test' || spec.startsWith('playwright')) throw Object.assign(new Error('Cannot find package ' + spec), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(spec, ctx);
}`,
      );
      const register = join(dir, 'register.mjs');
      writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
      // Run from the package root so `leakhound/...` resolves to this package through "exports".
      const withPw = await run(process.execPath, [
        '--input-type=module',
        '-e',
        `const m = await import('leakhound/playwright'); console.log('playwright', typeof m.test, typeof m.expect, typeof m.test.extend);`,
      ]);
      expect(withPw.code, withPw.stderr).to.equal(0);
      expect(withPw.stdout).to.include('playwright function function function');
      const without = await run(process.execPath, [
        '--import',
        pathToFileURL(register).href,
        '--input-type=module',
        '-e',
        `const t = await import('leakhound/testing');
const main = await import('leakhound');
console.log('testing', typeof t.assertNoLeaks, typeof t.huntPage, typeof t.toNotLeak);
console.log('main', typeof main.assertNoLeaks, typeof main.inspectScenario, typeof main.startHunt);
await import('leakhound/playwright').then(() => console.log('playwright loaded'), (e) => console.log('playwright missing:', e.message));`,
      ]);
      expect(without.code, without.stderr).to.equal(0);
      expect(without.stdout).to.include('testing function function function');
      expect(without.stdout).to.include('main function function function');
      // The hook really hides Playwright: only the Playwright entry needs it.
      expect(without.stdout).to.include('playwright missing: Cannot find package @playwright/test');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
