// startHunt as a test suite uses it: a page the caller already drives, hunted over one CDP
// session. The same verdict code as `leakhound run`, whatever the target is.
import { expect } from 'chai';
import type { Page } from 'puppeteer';
import { startHunt, type Hunt } from '../../lib/runner/hunt.js';
import type { CdpSession } from '../../lib/browser/cdp.js';
import { UsageError } from '../../lib/errors.js';
import { openPage, servePages, useBrowser, type PageServer } from '../helpers/browser-fixtures.js';

const LEAKY = `<!doctype html><button id="open">open</button><script>
class SearchIndex { constructor(q) { this.q = q; this.words = q.split(' '); } }
window.registry = [];
document.getElementById('open').addEventListener('click', () => {
  window.registry.push(new SearchIndex('query ' + registry.length));
});
</script>`;
const CLEAN = `<!doctype html><button id="open">open</button><script>
let current = null;
document.getElementById('open').addEventListener('click', () => { current = { at: Date.now(), words: ['a', 'b'] }; });
</script>`;

const click = (page: Page) => () => page.click('#open');

describe('runner/startHunt', function () {
  this.timeout(120_000);
  const b = useBrowser();
  let server: PageServer;
  let page: Page;
  let hunt: Hunt | undefined;

  before(async () => {
    server = await servePages({ '/leaky': LEAKY, '/clean': CLEAN });
  });
  after(() => server.close());
  afterEach(async () => {
    await hunt?.close();
    hunt = undefined;
    await page?.close().catch(() => undefined);
  });

  it('finds the leak on a Puppeteer page, with a chain through the global that holds it', async () => {
    page = await openPage(b.browser, `${server.url}/leaky`);
    const steps: string[] = [];
    hunt = await startHunt(page, { name: 'search', iterations: 4, onStep: (s) => steps.push(s) });
    await hunt.iterate(click(page));
    const result = await hunt.finish();
    expect(result.status, JSON.stringify(result.error)).to.equal('leaks');
    expect(result.name).to.equal('search');
    expect(result.url).to.equal(`${server.url}/leaky`);
    const leak = result.leaks.find((l) => l.headline === 'SearchIndex');
    expect(leak, result.leaks.map((l) => l.headline).join(', ')).to.not.equal(undefined);
    expect(leak!.classes.find((c) => c.className === 'SearchIndex')?.perIteration).to.equal(1);
    expect(leak!.chain.map((s) => s.edge?.name)).to.include('registry');
    expect(result.counters.map((c) => c.iteration)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(steps).to.include.members(['warm-up', 'baseline', 'iterate', 'middle', 'final', 'analyse']);
  });

  it('keeps the heap session attached after finish, so ids from the result resolve', async () => {
    page = await openPage(b.browser, `${server.url}/leaky`);
    hunt = await startHunt(page, { iterations: 2 });
    await hunt.iterate(click(page));
    const result = await hunt.finish();
    const id = result.leaks[0]?.chain.at(-1)?.nodeId;
    expect(id, 'a leaked object id').to.be.a('number');
    const { result: obj } = await hunt.heap.cdp.send('HeapProfiler.getObjectByHeapObjectId', { objectId: String(id) });
    expect(obj.objectId).to.be.a('string');
    await hunt.close();
    await hunt.close(); // idempotent
  });

  it('calls a clean page clean', async () => {
    page = await openPage(b.browser, `${server.url}/clean`);
    hunt = await startHunt(page, { iterations: 4 });
    await hunt.iterate(click(page));
    const result = await hunt.finish();
    expect(result.status, JSON.stringify(result.leaks.map((l) => l.headline))).to.equal('clean');
    expect(result.leaks.filter((l) => !l.ignored)).to.deep.equal([]);
  });

  it('hunts over a bare CDP session the caller opened, and leaves it attached', async () => {
    page = await openPage(b.browser, `${server.url}/leaky`);
    const session = (await page.createCDPSession()) as unknown as CdpSession;
    // The action drives the page over the same raw protocol, no Puppeteer page API involved.
    const clickOverCdp = () =>
      session.send('Runtime.evaluate', { expression: `document.getElementById('open').click()` });
    hunt = await startHunt(session, { name: 'raw', iterations: 4 });
    await hunt.iterate(clickOverCdp);
    const result = await hunt.finish();
    expect(result.status, JSON.stringify(result.error)).to.equal('leaks');
    expect(result.leaks.map((l) => l.headline)).to.include('SearchIndex');
    await hunt.close();
    const { result: two } = await session.send('Runtime.evaluate', { expression: '1 + 1', returnByValue: true });
    expect(two.value).to.equal(2);
    await session.detach();
  });

  it('records a throwing step as a failed result naming the step, without throwing', async () => {
    page = await openPage(b.browser, `${server.url}/clean`);
    hunt = await startHunt(page, { name: 'broken', iterations: 2 });
    let calls = 0;
    await hunt.iterate(async () => {
      if (++calls === 2) throw new Error('no such button');
      await page.click('#open');
    });
    const result = await hunt.finish();
    expect(result.status).to.equal('failed');
    expect(result.error).to.deep.equal({ step: 'action #1', message: 'broken: action #1 failed: no such button' });
  });

  it('reports a crash over a bare session as a one-line failure', async () => {
    page = await openPage(b.browser, `${server.url}/clean`);
    const session = (await page.createCDPSession()) as unknown as CdpSession;
    hunt = await startHunt(session, { name: 'crashy', iterations: 2 });
    await hunt.iterate(async () => {
      void session.send('Page.crash').catch(() => undefined);
      await new Promise(() => undefined);
    });
    const result = await hunt.finish();
    expect(result.status).to.equal('failed');
    expect(result.error?.message).to.equal('crashy: the page crashed during action (warm-up)');
    await session.detach().catch(() => undefined);
  });

  it('refuses one iteration with the same message as the flag, and a second iterate()', async () => {
    page = await openPage(b.browser, `${server.url}/clean`);
    const err = await startHunt(page, { iterations: 1 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(UsageError);
    expect((err as Error).message).to.equal('iterations must be a whole number of at least 2, got 1');
    hunt = await startHunt(page);
    const early = await hunt.finish().catch((e: unknown) => e);
    expect(early).to.be.instanceOf(UsageError);
    await hunt.iterate(click(page), undefined, { iterations: 2 });
    const again = await hunt.iterate(click(page)).catch((e: unknown) => e);
    expect(again).to.be.instanceOf(UsageError);
  });
});
