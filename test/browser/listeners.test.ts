import { expect } from 'chai';
import type { Page } from 'puppeteer';
import { HeapSession } from '../../lib/browser/heap-session.js';
import { listEventListeners } from '../../lib/browser/listeners.js';
import { openPage, retainedNodes, servePages, takeSnapshot, useBrowser, type PageServer } from '../helpers/browser-fixtures.js';

const PAGE = `<!doctype html>
<div id="app" class="list dense"><ul><li>a</li><li>b</li><li>c</li></ul><my-card></my-card></div>
<script>
  class ListenerMarker { handleEvent() {} }
  window.addEventListener('resize', () => {});
  window.addEventListener('resize', () => {});
  window.marker = new ListenerMarker();
  window.addEventListener('keydown', window.marker);
  document.addEventListener('click', () => {});
  const app = document.getElementById('app');
  app.addEventListener('click', () => {});
  app.addEventListener('scroll', () => {}, { passive: true });
  for (const li of document.querySelectorAll('li')) li.addEventListener('mouseenter', () => {});
  const card = document.querySelector('my-card');
  const root = card.attachShadow({ mode: 'open' });
  root.innerHTML = '<span class="badge">1</span>';
  root.querySelector('span').addEventListener('click', () => {});
</script>`;

describe('browser/listEventListeners', function () {
  this.timeout(60_000);
  const b = useBrowser();
  let server: PageServer;
  let page: Page;
  let heap: HeapSession;

  before(async () => {
    server = await servePages({ '/': PAGE });
    page = await openPage(b.browser, `${server.url}/`);
    heap = await HeapSession.open(page);
    b.defer(async () => {
      await heap.close();
      await page.close();
      await server.close();
    });
  });

  it('counts listeners by target and type, shadow roots included', async () => {
    const listed = await listEventListeners(heap.cdp);
    expect(listed).to.deep.equal([
      { target: 'div#app.list.dense', type: 'click', count: 1 },
      { target: 'div#app.list.dense', type: 'scroll', count: 1 },
      { target: 'document', type: 'click', count: 1 },
      { target: 'li', type: 'mouseenter', count: 3 },
      { target: 'span.badge', type: 'click', count: 1 },
      { target: 'window', type: 'keydown', count: 1 },
      { target: 'window', type: 'resize', count: 2 },
    ]);
  });

  it('sees listeners added since the last call', async () => {
    await page.evaluate(() => window.addEventListener('resize', () => {}));
    const resize = (await listEventListeners(heap.cdp)).find((l) => l.target === 'window' && l.type === 'resize');
    expect(resize?.count).to.equal(3);
  });

  it('describes each node once across the listings of one hunt, and new nodes as they come', async () => {
    let described = 0;
    const counting = {
      ...heap.cdp,
      send: (method: string, params?: Record<string, unknown>) => {
        if (method === 'DOM.describeNode') described++;
        return heap.cdp.send(method, params);
      },
    };
    const labels = new Map<number, string>();
    const first = await listEventListeners(counting, labels);
    expect(described).to.equal(6); // div#app, document, three li, span.badge
    described = 0;
    await page.evaluate(() => {
      const li = document.createElement('li');
      li.addEventListener('mouseenter', () => {});
      document.querySelector('ul')!.appendChild(li);
    });
    const second = await listEventListeners(counting, labels);
    expect(described).to.equal(1);
    const li = (list: typeof first) => list.find((l) => l.target === 'li' && l.type === 'mouseenter')?.count;
    expect([li(first), li(second)]).to.deep.equal([3, 4]);
  });

  it('leaves no remote object behind that keeps a handler alive', async () => {
    await listEventListeners(heap.cdp);
    await page.evaluate(() => {
      const w = window as unknown as { marker?: EventListenerObject };
      window.removeEventListener('keydown', w.marker!);
      delete w.marker;
    });
    await heap.collectGarbage();
    const snap = await takeSnapshot(heap);
    expect(retainedNodes(snap, (n) => n.name === 'ListenerMarker' && n.type === 'object')).to.deep.equal([]);
  });
});
