// The verdict's rules on real pages hunted in real Chromium: a `seen[key] = true` set that
// grows, a registry that "removes" by assigning null, a window listener whose handler holds
// the leak, a timer Blink keeps, and a leak whose objects split over two holders (merged,
// same signature every run). Each page is served from memory and hunted through the same code as `leakhound run`.
import { expect } from 'chai';
import { huntScenario } from '../../lib/runner/hunt.js';
import type { LoadedScenario, Scenario } from '../../lib/scenario/types.js';
import type { ScenarioResult } from '../../lib/analysis/result.js';
import { leakTrace, plainText } from '../../lib/report/trace.js';
import { servePages, useBrowser, type PageServer } from '../helpers/browser-fixtures.js';

const page = (script: string) => `<!doctype html><html><body><button id="go">go</button><script>${script}</script></body></html>`;

const PAGES = {
  // A dedup set kept as a dictionary of flags: every message id ever seen stays.
  '/seen': page(`
    const seen = {};
    window.inbox = { seen };
    let n = 0;
    document.getElementById('go').addEventListener('click', () => {
      n++;
      const id = 'msg-' + n + '-' + Math.random().toString(36).slice(2);
      if (!seen[id]) seen[id] = true;
    });`),
  // Leaflet-style registry: handlers are "removed" by setting their slot to null. The keys
  // stay, but they hold nothing: a correct teardown, not a leak.
  '/tombstones': page(`
    const handlers = {};
    window.registry = handlers;
    let n = 0;
    class Popup { constructor() { this.body = new Array(2000).fill(0).map((_, i) => ({ i })); } }
    document.getElementById('go').addEventListener('click', () => {
      n++;
      const key = 'click' + n;
      const popup = new Popup();
      handlers[key] = function onClick() { return popup.body.length; };
      handlers[key] = null;
    });`),
  // Each open registers a resize listener that is never removed; it closes over a report.
  '/listener': page(`
    class SalesReport { constructor() { this.rows = Array.from({ length: 500 }, (_, i) => ({ i, total: i * 3 })); } }
    document.getElementById('go').addEventListener('click', () => {
      const report = new SalesReport();
      window.addEventListener('resize', function relayoutReport() { return report.rows.length; });
    });`),
  // Each open starts a polling timer that is never cleared; Blink's timer table holds it.
  '/timer': page(`
    class TickerWidget { constructor() { this.quotes = Array.from({ length: 300 }, (_, i) => ({ i, price: i / 7 })); } tick() { return this.quotes.length; } }
    document.getElementById('go').addEventListener('click', () => {
      const widget = new TickerWidget();
      setInterval(function pollQuote() { widget.tick(); }, 3600000);
    });`),
  // Read and starred messages alternate between two detached lists: neither list grows by
  // one per iteration, both together do. One bug, one row, one signature.
  '/fragments': page(`
    class MessageArchive {
      constructor() { this.read = document.createElement('ul'); this.starred = document.createElement('ul'); this.count = 0; }
      file(li) { (this.count++ % 2 ? this.starred : this.read).append(li); }
    }
    const archive = new MessageArchive();
    window.archive = archive;
    document.getElementById('go').addEventListener('click', () => {
      const li = document.createElement('li');
      li.className = 'message';
      li.textContent = 'message ' + archive.count;
      archive.file(li);
    });`),
};

describe('verdict rules in real Chromium', function () {
  this.timeout(180_000);
  const b = useBrowser();
  let server: PageServer;
  before(async () => {
    server = await servePages(PAGES);
  });
  after(async () => {
    await server?.close();
  });

  const hunt = (path: keyof typeof PAGES): Promise<ScenarioResult> => {
    const scenario: Scenario = { url: path, iterations: 6, action: (p) => p.click('#go') };
    const loaded: LoadedScenario = { file: `inline${path}.mjs`, name: path.slice(1), scenario };
    return huntScenario(b.browser, loaded, { baseUrl: server.url });
  };

  it('reports a seen[key] = true dictionary that grows every iteration', async () => {
    const r = await hunt('/seen');
    expect(r.error).to.equal(undefined);
    const rows = r.leaks.filter((l) => l.kind === 'collection' && l.chain.some((c) => c.edge?.name === 'seen'));
    expect(rows, JSON.stringify(r.leaks.map((l) => l.headline))).to.have.length(1);
    const sizes = rows[0].collection!.sizes;
    expect(sizes[1] - sizes[0]).to.be.at.least(3);
    expect(sizes[2] - sizes[1]).to.be.at.least(3);
    expect(rows[0].chain.find((c) => c.suspect)?.edge?.name).to.equal('seen');
  });

  it('keeps a registry that nulls its removed handlers clean', async () => {
    const r = await hunt('/tombstones');
    expect(r.error).to.equal(undefined);
    expect(r.leaks.map((l) => `${l.kind} ${l.headline}`)).to.deep.equal([]);
    expect(r.status).to.equal('clean');
  });

  it('names the addEventListener registration as the suspect of a listener leak', async () => {
    const r = await hunt('/listener');
    expect(r.error).to.equal(undefined);
    const row = r.leaks.find((l) => l.headline === 'SalesReport');
    expect(row, JSON.stringify(r.leaks.map((l) => l.headline))).to.not.equal(undefined);
    const suspects = row!.chain.filter((c) => c.suspect);
    expect(suspects).to.have.length(1);
    expect(suspects[0].listener).to.deep.equal({ target: 'window', type: 'resize', handler: 'relayoutReport' });
    expect(suspects[0].className).to.not.match(/BasicHeapVector/);
    expect(plainText(leakTrace(row!))).to.include("window.addEventListener('resize', relayoutReport)");
  });

  it("names what a timer's callback captured as the suspect, not Blink's timer table", async () => {
    const r = await hunt('/timer');
    expect(r.error).to.equal(undefined);
    const row = r.leaks.find((l) => l.headline === 'TickerWidget');
    expect(row, JSON.stringify(r.leaks.map((l) => l.headline))).to.not.equal(undefined);
    const suspects = row!.chain.filter((c) => c.suspect);
    expect(suspects.map((c) => [c.edge?.type, c.edge?.name])).to.deep.equal([['context', 'widget']]);
  });

  it('gives a leak split over two holders one row with the same signature in three hunts', async () => {
    const signatures: string[] = [];
    for (let k = 0; k < 3; k++) {
      const r = await hunt('/fragments');
      expect(r.error).to.equal(undefined);
      const rows = r.leaks.filter((l) => l.headline.startsWith('Detached <li'));
      expect(rows, JSON.stringify(r.leaks.map((l) => l.headline))).to.have.length(1);
      // Both lists' messages are in the one row: six leaked (+ the warm-up's, if any).
      expect(rows[0].sharedBy).to.be.at.least(6);
      signatures.push(rows[0].signature);
    }
    expect(new Set(signatures).size, signatures.join(' ')).to.equal(1);
  });
});
