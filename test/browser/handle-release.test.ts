// Puppeteer handles must not pass for leaks: what page.click, locators, waitForSelector and
// failed evaluations leave behind is released by HeapSession.releaseInspectorState().
import { expect } from 'chai';
import type { Page } from 'puppeteer';
import { HeapSession } from '../../lib/browser/heap-session.js';
import { openPage, retainedNodes, servePages, takeSnapshot, useBrowser, type PageServer } from '../helpers/browser-fixtures.js';

const PAGE = `<!doctype html>
<div id="host"><button id="go" class="primary">Go</button><input id="field"></div>
<script>
  // Clicking removes the button, as a "close" or "delete" button does.
  document.getElementById('go').addEventListener('click', (e) => e.target.remove());
  window.addButton = () => {
    const b = document.createElement('button');
    b.id = 'go'; b.className = 'primary'; b.textContent = 'Go';
    b.addEventListener('click', (e) => e.target.remove());
    document.getElementById('host').appendChild(b);
  };
  class Boom extends Error { constructor() { super('boom'); this.payload = document.createElement('section'); } }
  window.Boom = Boom;
</script>`;

describe('browser/handle release', function () {
  this.timeout(60_000);
  const b = useBrowser();
  let server: PageServer;
  let page: Page;
  let heap: HeapSession;

  before(async () => {
    server = await servePages({ '/': PAGE });
  });
  after(() => server.close());
  beforeEach(async () => {
    page = await openPage(b.browser, `${server.url}/`);
    heap = await HeapSession.open(page);
  });
  afterEach(async () => {
    await heap.close();
    await page.close();
  });

  const detached = async (tag: string) => {
    await heap.collectGarbage();
    const snap = await takeSnapshot(heap);
    return retainedNodes(snap, (n) => n.type === 'native' && n.detachedness === 2 && n.name.startsWith(`<${tag}`));
  };
  const released = async (tag: string) => {
    const report = await heap.releaseInspectorState();
    return { report, left: await detached(tag) };
  };
  const buttonGone = () => page.evaluate(() => document.getElementById('go') === null);

  it('page.click leaves nothing that keeps the removed button alive', async () => {
    await page.click('#go');
    expect(await buttonGone()).to.equal(true);
    const { left } = await released('button');
    expect(left, JSON.stringify(left)).to.deep.equal([]);
  });

  it("releases the handle locator.click keeps (Puppeteer never disposes it)", async () => {
    await page.locator('#go').click();
    expect(await buttonGone()).to.equal(true);
    const held = await detached('button');
    expect(held, 'the locator handle holds the button').to.have.length.greaterThan(0);
    expect(held[0]!.path.join(' ')).to.include('DevTools console');
    const { report, left } = await released('button');
    expect(report.handlesReleased).to.be.greaterThan(0);
    expect(left, JSON.stringify(left)).to.deep.equal([]);
    expect(heap.liveHandles).to.equal(0);
  });

  it('releases handles from waitForSelector and $ that the scenario never disposed', async () => {
    await page.waitForSelector('#go');
    await page.$('#go');
    await page.evaluate(() => document.getElementById('go')!.remove());
    expect(await detached('button')).to.have.length.greaterThan(0);
    const { left } = await released('button');
    expect(left).to.deep.equal([]);
  });

  it('releases the exception object of an evaluation that threw', async () => {
    const err = await page
      .evaluate(() => {
        throw new (window as unknown as { Boom: new () => Error }).Boom();
      })
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Error);
    expect(await detached('section'), 'the exception keeps its payload').to.have.length.greaterThan(0);
    const { left } = await released('section');
    expect(left).to.deep.equal([]);
  });

  it('keeps Puppeteer working after a release', async () => {
    await page.locator('#go').click();
    await heap.releaseInspectorState();
    await page.evaluate(() => (window as unknown as { addButton(): void }).addButton());
    await page.click('#go');
    await page.evaluate(() => (window as unknown as { addButton(): void }).addButton());
    await page.locator('#go').click();
    await heap.releaseInspectorState();
    await page.evaluate(() => (window as unknown as { addButton(): void }).addButton());
    const handle = await page.waitForSelector('#go');
    expect(await handle!.evaluate((el) => el.className)).to.equal('primary');
    await page.type('#field', 'abc');
    expect(await page.$eval('#field', (el) => (el as HTMLInputElement).value)).to.equal('abc');
    expect(await page.$$eval('button', (els) => els.length)).to.equal(1);
    await heap.releaseInspectorState();
    await page.hover('#go');
    await page.focus('#field');
  });

  it('never releases handles kept from before keepCurrentHandles()', async () => {
    const field = await page.$('#field');
    heap.keepCurrentHandles();
    await page.$('#go');
    const { report } = await released('button');
    expect(report.handlesReleased).to.be.greaterThan(0);
    expect(await field!.evaluate((el) => el.id)).to.equal('field');
  });
});
