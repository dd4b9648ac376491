// The driver-neutral layer: deadlines on a session that has none, which targets a hunt
// accepts, and which execution contexts are a driver's own.
import { expect } from 'chai';
import type { Page } from 'puppeteer';
import { CdpTimeoutError, withTimeout, type CdpSession } from '../../lib/browser/cdp.js';
import { attachTarget, isCdpSession, isPlaywrightPage, isPuppeteerPage } from '../../lib/browser/driver.js';
import { isDriverUtilityWorld } from '../../lib/browser/internal-source.js';
import { UsageError } from '../../lib/errors.js';
import { openPage, servePages, useBrowser, type PageServer } from '../helpers/browser-fixtures.js';

describe('browser/cdp and driver detection', function () {
  this.timeout(60_000);
  const b = useBrowser();
  let server: PageServer;
  let page: Page;

  before(async () => {
    server = await servePages({ '/': '<!doctype html><p>ok</p>' });
    page = await openPage(b.browser, `${server.url}/`);
    b.defer(async () => {
      await page.close();
      await server.close();
    });
  });

  it('withTimeout rejects a command the page never answers, naming the method', async () => {
    const raw = (await page.createCDPSession()) as unknown as CdpSession;
    try {
      const timed = withTimeout(raw, 300);
      const err = await timed
        .send('Runtime.evaluate', { expression: 'new Promise(() => {})', awaitPromise: true })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(CdpTimeoutError);
      expect((err as Error).message).to.equal('the browser did not answer Runtime.evaluate within 300 ms');
      // A longer deadline for one command (as a snapshot asks) and the session still works.
      const { result } = await timed.send('Runtime.evaluate', { expression: '6 * 7', returnByValue: true }, { timeout: 10_000 });
      expect(result.value).to.equal(42);
    } finally {
      await raw.detach();
    }
  });

  it('recognises a Puppeteer page and a CDP session by shape, and refuses anything else', async () => {
    const session = await page.createCDPSession();
    try {
      expect([isPuppeteerPage(page), isPlaywrightPage(page), isCdpSession(page)]).to.deep.equal([true, false, false]);
      expect([isPuppeteerPage(session), isPlaywrightPage(session), isCdpSession(session)]).to.deep.equal([false, false, true]);
      const fakePlaywright = { context: () => ({ newCDPSession: async () => session }) };
      expect(isPlaywrightPage(fakePlaywright)).to.equal(true);
      const attached = await attachTarget(session as unknown as CdpSession);
      expect(attached.owned).to.equal(false);
      const err = await attachTarget({} as CdpSession).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(UsageError);
    } finally {
      await session.detach();
    }
  });

  it('treats Puppeteer and Playwright utility worlds as internal, page worlds not', () => {
    expect(isDriverUtilityWorld('__puppeteer_utility_world__24.43.1')).to.equal(true);
    expect(isDriverUtilityWorld('__playwright_utility_world_page@3f2a')).to.equal(true);
    expect(isDriverUtilityWorld('')).to.equal(false);
    expect(isDriverUtilityWorld('my-extension-world')).to.equal(false);
  });
});
