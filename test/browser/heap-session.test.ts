import { expect } from 'chai';
import type { Page } from 'puppeteer';
import { HeapSession } from '../../lib/browser/heap-session.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';
import {
  openPage,
  retainedNodes,
  servePages,
  snapshotChunks,
  takeSnapshot,
  useBrowser,
  type PageServer,
} from '../helpers/browser-fixtures.js';

const PAGE = `<!doctype html><div id="app"></div>
<script>
  class Widget { constructor(i) { this.i = i; } }
  window.grow = (n) => {
    const app = document.getElementById('app');
    for (let i = 0; i < n; i++) {
      const el = document.createElement('div');
      el.addEventListener('click', () => {});
      app.appendChild(el);
    }
  };
  window.logWidget = () => console.log(new Widget(7));
</script>`;

describe('browser/HeapSession', function () {
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

  it('reports counters that move when the page adds DOM nodes and listeners', async () => {
    await heap.collectGarbage();
    const before = await heap.counters();
    expect(before.documents).to.be.greaterThan(0);
    expect(before.jsHeapUsed).to.be.greaterThan(0);
    await page.evaluate(() => (window as unknown as { grow(n: number): void }).grow(50));
    const after = await heap.counters();
    expect(after.domNodes - before.domNodes).to.be.at.least(50);
    expect(after.jsEventListeners - before.jsEventListeners).to.equal(50);
  });

  it('streams a snapshot in several chunks that form one JSON document', async () => {
    const chunks = await snapshotChunks(heap);
    expect(chunks.length).to.be.greaterThan(1);
    const json = JSON.parse(chunks.join('')) as { snapshot: { node_count: number }; nodes: number[] };
    expect(json.snapshot.node_count).to.be.greaterThan(1000);
    expect(json.nodes.length).to.be.greaterThan(json.snapshot.node_count);
  });

  it('keeps heap object ids stable between snapshots of one session', async () => {
    const ids = async () => {
      const snap = await takeSnapshot(heap);
      for (let i = 0; i < snap.nodeCount; i++) if (snap.name(i) === 'Window') return snap.id(i);
      return undefined;
    };
    const first = await ids();
    expect(first).to.be.a('number');
    expect(await ids()).to.equal(first);
  });

  it('rejects with the error onChunk throws, after the capture ends', async () => {
    let calls = 0;
    const err = await heap
      .takeSnapshot(() => {
        calls++;
        throw new Error('parser gave up');
      })
      .catch((e: unknown) => e);
    expect((err as Error).message).to.equal('parser gave up');
    expect(calls).to.equal(1);
    // The session is still usable.
    expect((await snapshotChunks(heap)).length).to.be.greaterThan(1);
  });

  it('stops delivering chunks when aborted', async () => {
    const controller = new AbortController();
    let after = 0;
    const err = await heap
      .takeSnapshot(
        () => {
          if (controller.signal.aborted) after++;
          else controller.abort(new Error('user pressed ^C'));
        },
        { signal: controller.signal },
      )
      .catch((e: unknown) => e);
    expect((err as Error).message).to.equal('user pressed ^C');
    await heap.collectGarbage(); // waits for the abandoned capture to finish
    expect(after).to.equal(0);
  });

  it('releases objects the DevTools console keeps for logged values', async () => {
    await page.evaluate(() => (window as unknown as { logWidget(): void }).logWidget());
    await heap.collectGarbage();
    const widgets = (snap: HeapSnapshot) =>
      retainedNodes(snap, (n) => n.name === 'Widget' && n.type === 'object');
    expect(widgets(await takeSnapshot(heap)), 'logged Widget held by the console').to.have.length(1);
    await heap.releaseInspectorState();
    await heap.collectGarbage();
    expect(widgets(await takeSnapshot(heap))).to.deep.equal([]);
  });

  it("learns the script ids of Puppeteer's evaluations and utility world, not the page's", async () => {
    await page.evaluate(() => 1 + 1);
    await page.$eval('#app', (el) => el.id);
    await page.addScriptTag({ content: 'window.pageScript = function pageScript() {}' });
    const pageScripts: string[] = [];
    heap.cdp.on('Debugger.scriptParsed', (e) => {
      if (e.url === '' || e.url.startsWith('http')) pageScripts.push(e.scriptId);
    });
    await page.addScriptTag({ content: 'window.pageScript2 = function pageScript2() {}' });
    await page.evaluate(() => 2 + 2);
    const ids = heap.internalScriptIds;
    expect(ids.size).to.be.greaterThan(2);
    expect(pageScripts).to.not.be.empty;
    for (const id of pageScripts) expect(ids.has(Number(id)), `page script ${id}`).to.equal(false);
  });

  it("counts any script in Puppeteer's utility world as internal, whatever its URL", async () => {
    await page.$('#app'); // makes Puppeteer create its utility world
    const probe = await page.createCDPSession();
    const contexts: { id: number; name: string }[] = [];
    probe.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await probe.send('Runtime.enable');
    await probe.detach();
    const utility = contexts.find((c) => c.name.startsWith('__puppeteer_utility_world__'));
    expect(utility, 'utility world').to.not.equal(undefined);
    const parsed = new Promise<number>((resolve) =>
      heap.cdp.on('Debugger.scriptParsed', (e) => {
        if (e.url === 'https://example.test/helper.js') resolve(Number(e.scriptId));
      }),
    );
    await heap.cdp.send('Runtime.evaluate', {
      expression: 'globalThis.helper = function helper() {}\n//# sourceURL=https://example.test/helper.js',
      contextId: utility!.id,
    });
    expect(heap.internalScriptIds.has(await parsed)).to.equal(true);
  });
});
