// leakhound/testing in a mocha suite that drives Chromium with Puppeteer, as a team's own
// e2e suite would: `assertNoLeaks` passes on a clean page and throws an AssertionError whose
// message is the report (retainer chain included) on a leaking one.
import { AssertionError } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Page } from 'puppeteer';
import { launchBrowser, type LaunchedBrowser } from '../../lib/browser/launch.js';
import { startStaticServer, type StaticServer } from '../../lib/static-server.js';
import { assertNoLeaks, huntPage, LeakAssertionError, toNotLeak } from '../../lib/testing.js';
import type { ScenarioResult } from '../../lib/analysis/result.js';

const PAGES = fileURLToPath(new URL('../playwright/pages', import.meta.url));

describe('leakhound/testing with Puppeteer (real Chromium)', function () {
  this.timeout(300_000);
  let launched: LaunchedBrowser;
  let server: StaticServer;
  let page: Page;
  before(async () => {
    server = await startStaticServer({ root: PAGES });
    launched = await launchBrowser();
  });
  after(async () => {
    await launched?.browser.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await launched.browser.newPage();
  });
  afterEach(async () => {
    await page.close();
  });

  const dialog = () => ({ action: () => page.click('#open'), back: () => page.click('#close') });

  it('assertNoLeaks passes on a page that lets go of its dialog', async () => {
    await page.goto(`${server.url}/clean.html`);
    const result = await assertNoLeaks(page, { ...dialog(), iterations: 6, name: 'clean dialog' });
    expect(result.status).to.equal('clean');
    expect(result.name).to.equal('clean dialog');
    expect(result.counters).to.have.length(7);
  });

  it('assertNoLeaks throws an AssertionError whose message is the report with the chain', async () => {
    await page.goto(`${server.url}/leaky.html`);
    let caught: unknown;
    try {
      await assertNoLeaks(page, { ...dialog(), iterations: 6, name: 'leaky dialog', file: 'test/integration/puppeteer-helper.test.ts' });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(LeakAssertionError);
    expect(caught).to.be.instanceOf(AssertionError);
    const err = caught as LeakAssertionError;
    expect(err.code).to.equal('ERR_ASSERTION');
    expect(err.message).to.match(/^leakhound: 1 leak found \(SettingsPanel\)/);
    expect(err.message).to.match(/Window.*\.openPanels/);
    expect(err.message).to.include('╰─→ SettingsPanel');
    expect(err.message).to.include('test/integration/puppeteer-helper.test.ts');
    // The header names the browser the hunt ran in.
    expect(err.message).to.match(/Chrome\/\d+/);
    expect(err.result.leaks[0]!.headline).to.equal('SettingsPanel');
    expect(err.result.leaks[0]!.classes[0]!.perIteration).to.equal(1);
  });

  it('huntPage returns the result without judging; toNotLeak judges it like expect.extend would', async () => {
    await page.goto(`${server.url}/leaky.html`);
    const result = await huntPage(page, { ...dialog(), iterations: 4 });
    expect(result.status).to.equal('leaks');
    expect(result.iterations).to.equal(4);
    const verdict = toNotLeak(result);
    expect(verdict.pass).to.equal(false);
    expect(verdict.message()).to.include('SettingsPanel');
    // Accepting the leak by its signature turns the same check green.
    await page.goto(`${server.url}/leaky.html`);
    const accepted = await huntPage(page, { ...dialog(), iterations: 4, accept: [result.leaks[0]!.signature] });
    expect(accepted.leaks[0]?.ignored).to.equal(true);
    expect(toNotLeak(accepted).pass).to.equal(true);
  });

  it('a failing step fails the check with the step named; nothing to check is a failure too', async () => {
    await page.goto(`${server.url}/clean.html`);
    const err = await assertNoLeaks(page, { action: () => page.click('#does-not-exist'), iterations: 2 }).then(
      () => undefined,
      (e: unknown) => e as LeakAssertionError,
    );
    expect(err, 'assertNoLeaks resolved on a failed hunt').to.be.instanceOf(LeakAssertionError);
    expect(err!.result.status).to.equal('failed');
    expect(err!.message).to.include("the hunt failed at step 'action (warm-up)'");
    expect(toNotLeak([] as ScenarioResult[]).pass).to.equal(false);
    expect(toNotLeak({ not: 'a result' }).message()).to.include('expected a leakhound result');
  });
});
