// Every corpus case, hunted in real Chromium: each leak is found, named first and explained
// by a chain through the page's own variable; each clean twin reports nothing.
import { expect } from 'chai';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../lib/browser/launch.js';
import { listCases, runCase } from './harness.js';

describe('leak corpus (real Chromium)', function () {
  this.timeout(180_000);
  let browser: Browser;
  before(async () => {
    browser = (await launchBrowser()).browser;
  });
  after(async () => {
    await browser?.close();
  });

  for (const name of listCases(process.env.CORPUS_FILTER ? new RegExp(process.env.CORPUS_FILTER) : undefined)) {
    it(name, async () => {
      const outcome = await runCase(browser, name);
      expect(outcome.pass, `${name}: ${outcome.problem}`).to.equal(true);
      // One bug, one row: the listener, its closure and context are not separate leaks.
      if (outcome.expect.leak) expect(outcome.rows, `${name}: rows reported`).to.be.at.most(2);
    });
  }
});
