// The navigation watch behind "a loop that leaves the document is refused": which main-frame
// navigations count (a link, a reload, a form submit) and which do not (pushState, a hash
// link, a link answered with 204, an iframe navigating), each charged to the step that
// caused it. Real Chromium, pages served on 127.0.0.1.
import { expect } from 'chai';
import type { Page } from 'puppeteer';
import { NavigationWatch, navigationRefusal } from '../../lib/browser/navigation-watch.js';
import { launchBrowser, type LaunchedBrowser } from '../../lib/browser/launch.js';
import { servePages, type PageServer } from '../helpers/browser-fixtures.js';

const HOME = `<!doctype html>
<a id="link" href="/other">other</a>
<a id="hash" href="#part">hash</a>
<a id="empty" href="/nocontent">204</a>
<button id="push" onclick="history.pushState({}, '', '/pushed')">push</button>
<form id="form" action="/other"><button id="submit">go</button></form>
<iframe id="frame" src="/other"></iframe>
<p id="part">part</p>`;

describe('NavigationWatch (real Chromium)', function () {
  this.timeout(120_000);
  let browser: LaunchedBrowser;
  let server: PageServer;
  let page: Page;
  before(async () => {
    browser = await launchBrowser();
    server = await servePages({ '/': HOME, '/other': '<!doctype html><p>other</p>', '/nocontent': { body: '', status: 204 } });
    page = await browser.browser.newPage();
  });
  after(async () => {
    await browser?.browser.close();
    await server?.close();
  });

  const fresh = async () => {
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    return NavigationWatch.open(page);
  };

  it('same-document navigations, a 204 link and an iframe navigating do not count', async () => {
    const watch = await fresh();
    try {
      for (const step of [
        () => page.click('#push'),
        () => page.click('#hash'),
        () => page.click('#empty'),
        () => page.evaluate(() => ((document.getElementById('frame') as HTMLIFrameElement).src = '/nocontent#x')),
        () => page.evaluate(() => ((document.getElementById('frame') as HTMLIFrameElement).contentWindow!.location.reload())),
      ]) {
        await step();
        expect(await watch.take()).to.equal(undefined);
      }
    } finally {
      await watch.close();
    }
  });

  it('a link, a form submit and a reload from script count, charged to the step that caused them', async () => {
    const cases: [() => Promise<unknown>, RegExp, string][] = [
      [() => page.click('#link'), /\/other$/, 'navigation'],
      [() => page.click('#submit'), /\/other\?$/, 'navigation'],
      [() => page.evaluate(() => location.reload()), /\/$/, 'reload'],
    ];
    for (const [step, url, kind] of cases) {
      const watch = await fresh();
      try {
        await step();
        const nav = await watch.take();
        expect(nav?.url).to.match(url);
        expect(nav?.kind).to.equal(kind);
        // Taken once: the next step starts clean.
        expect(await watch.take({ timeout: 0 })).to.equal(undefined);
      } finally {
        await watch.close();
      }
    }
  });

  it('checked(): the step is refused with the one-line reason; a step that fails because the page left is refused too', async () => {
    const watch = await fresh();
    try {
      const refused = await watch.checked(() => page.click('#link'))().then(() => '', (err: Error) => err.message);
      expect(refused).to.equal(navigationRefusal({ url: `${server.url}/other`, kind: 'navigation' }));
      expect(refused.split('\n')).to.have.length(1);
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      await watch.take({ timeout: 0 });
      const failed = await watch
        .checked(async () => {
          await page.click('#link');
          throw new Error('#dialog never appeared');
        })()
        .then(() => '', (err: Error) => err.message);
      expect(failed).to.include('navigated the page to');
    } finally {
      await watch.close();
    }
  });
});
