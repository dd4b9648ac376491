import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../../lib/static-server.js';
import type { Page } from 'puppeteer';
import { guardPage, openUrl } from '../../lib/browser/page-guard.js';
import { createSettler, type SettleOptions, type SettleResult } from '../../lib/browser/page-settle.js';
import { BrowserError, ScenarioError } from '../../lib/errors.js';
import { closedPort, servePages, useBrowser, type PageServer } from '../helpers/browser-fixtures.js';

const LAZY = `<!doctype html><ul id="list"></ul>
<script>
  window.events = [];
  fetch('/slow').then((r) => r.text()).then((t) => { window.events.push('fetched:' + t); });
  requestAnimationFrame(() => requestAnimationFrame(() => window.events.push('frame')));
  requestIdleCallback(() => window.events.push('idle'));
</script>`;

describe('browser/page settle and guard', function () {
  this.timeout(60_000);
  const b = useBrowser();
  let server: PageServer;
  let page: Page;

  before(async () => {
    server = await servePages({
      '/': '<!doctype html><p>ok</p>',
      '/lazy': LAZY,
      '/slow': { body: 'data', delayMs: 300, type: 'text/plain' },
      '/forever': { body: 'never', delayMs: 30_000, type: 'text/plain' },
      '/polls': `<!doctype html><script>fetch('/forever').catch(() => {});</script>`,
      '/worker.js': { body: 'postMessage("ready");', type: 'text/javascript' },
      '/with-worker': `<!doctype html><script>
        window.ready = new Promise((resolve) => { new Worker('/worker.js').onmessage = (e) => resolve(e.data); });
      </script>`,
      '/missing-page': { body: 'gone', status: 404 },
      '/dialogs': `<!doctype html><button onclick="window.answer = confirm('sure?')">ask</button>`,
    });
  });
  after(() => server.close());
  beforeEach(async () => {
    page = await b.browser.newPage();
  });
  afterEach(async () => {
    if (!page.isClosed()) await page.close().catch(() => undefined);
  });

  /** Watches the page's requests from before it loads, as the hunt does, over plain CDP. */
  const settleAfterLoad = async (path: string, opts?: SettleOptions): Promise<SettleResult> => {
    const session = await page.createCDPSession();
    const settler = await createSettler(session);
    try {
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      return await settler.settle(opts);
    } finally {
      settler.dispose();
      await session.detach();
    }
  };

  it('settle waits for fetches, animation frames and idle callbacks', async () => {
    const result = await settleAfterLoad('/lazy');
    expect(result.networkIdle).to.equal(true);
    const events = await page.evaluate(() => (window as unknown as { events: string[] }).events);
    expect(events).to.include.members(['fetched:data', 'frame', 'idle']);
  });

  it('settle gives up on network idle after its timeout without failing', async () => {
    const started = Date.now();
    const result = await settleAfterLoad('/polls', { timeout: 600, idleTime: 200 });
    expect(result.networkIdle).to.equal(false);
    expect(Date.now() - started).to.be.below(5000);
  });

  it("settle does not wait for a worker's main script, whose end only the worker's target hears", async () => {
    const result = await settleAfterLoad('/with-worker', { timeout: 3000 });
    expect(result.networkIdle).to.equal(true);
    expect(await page.evaluate(() => (window as unknown as { ready: Promise<string> }).ready)).to.equal('ready');
  });

  it('settle counts a response whose body the page never reads as finished', async () => {
    // Headers first, body streamed after (as lib/static-server and most servers send files):
    // Chromium then never reports the unread request as loaded, and waiting for that would
    // wait out the timeout on every step of pages that fire and forget.
    const dir = mkdtempSync(join(tmpdir(), 'leakhound-settle-'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><script>window.got = fetch('/index.html').then((r) => r.status);</script>`);
    const files = await startStaticServer({ root: dir });
    const session = await page.createCDPSession();
    const settler = await createSettler(session);
    try {
      await page.goto(`${files.url}/index.html`, { waitUntil: 'load' });
      const result = await settler.settle({ timeout: 3000, idleTime: 50 });
      expect(result.networkIdle).to.equal(true);
      expect(await page.evaluate(() => (window as unknown as { got: Promise<number> }).got)).to.equal(200);
    } finally {
      settler.dispose();
      await session.detach();
      await files.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('openUrl names an unreachable URL and the network error', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/app`;
    const err = await openUrl(page, url, 'demo').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ScenarioError);
    expect((err as ScenarioError).message).to.equal(`cannot open ${url}: net::ERR_CONNECTION_REFUSED`);
    expect((err as ScenarioError).step).to.equal('open');
  });

  it('openUrl treats an HTTP error status as a failed load', async () => {
    const err = await openUrl(page, `${server.url}/missing-page`, 'demo').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ScenarioError);
    expect((err as Error).message).to.equal(`cannot open ${server.url}/missing-page: HTTP 404`);
    await openUrl(page, `${server.url}/`, 'demo');
    expect(await page.$eval('p', (p) => p.textContent)).to.equal('ok');
  });

  it('turns a throwing step into a one-line ScenarioError naming the step', async () => {
    await openUrl(page, `${server.url}/`, 'demo');
    const guard = guardPage(page, 'demo');
    try {
      expect(await guard.step('setup', async () => 42)).to.equal(42);
      const err = await guard
        .step('action #2', () => page.waitForSelector('.never', { timeout: 100 }))
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ScenarioError);
      const e = err as ScenarioError;
      expect(e.step).to.equal('action #2');
      expect(e.scenario).to.equal('demo');
      expect(e.message).to.match(/^demo: action #2 failed: TimeoutError: .*\.never/);
      expect(e.message).to.not.include('\n');
    } finally {
      guard.dispose();
    }
  });

  it('detects a page crash during a step instead of waiting for the protocol timeout', async () => {
    await openUrl(page, `${server.url}/`, 'demo');
    const guard = guardPage(page, 'demo');
    try {
      const session = await page.createCDPSession();
      const err = await guard
        .step('action #1', async () => {
          void session.send('Page.crash').catch(() => undefined);
          // Would hang without the guard: the renderer is gone.
          await page.waitForSelector('.never', { timeout: 0 });
        })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ScenarioError);
      expect((err as Error).message).to.equal('demo: the page crashed during action #1');
      expect(guard.crashed).to.equal(true);
      const next = await guard.step('back #1', async () => 1).catch((e: unknown) => e);
      expect((next as Error).message).to.equal('demo: the page had crashed before back #1');
    } finally {
      guard.dispose();
    }
  });

  it('answers dialogs the scenario does not handle, so the page never blocks', async () => {
    await openUrl(page, `${server.url}/dialogs`, 'demo');
    const guard = guardPage(page, 'demo');
    try {
      await guard.step('action #1', () => page.click('button'));
      expect(await page.evaluate(() => (window as unknown as { answer: boolean }).answer)).to.equal(false);
      page.once('dialog', (d) => void d.accept());
      await guard.step('action #2', () => page.click('button'));
      expect(await page.evaluate(() => (window as unknown as { answer: boolean }).answer)).to.equal(true);
    } finally {
      guard.dispose();
    }
  });

  it('reports a browser that exits as a BrowserError', async () => {
    const { launchBrowser } = await import('../../lib/browser/launch.js');
    const own = await launchBrowser({});
    const ownPage = await own.browser.newPage();
    const guard = guardPage(ownPage, 'demo');
    const err = await guard
      .step('action #1', async () => {
        own.browser.process()?.kill('SIGKILL');
        await new Promise(() => undefined);
      })
      .catch((e: unknown) => e);
    guard.dispose();
    await own.browser.close().catch(() => undefined);
    expect(err).to.be.instanceOf(BrowserError);
    expect((err as Error).message).to.equal('the browser exited during action #1 of demo');
  });
});
