// Every corpus case, hunted in real Chromium: each leak is found, heads its row, and the
// chain's suspect is the page's own variable (or listener registration); each clean twin
// reports nothing; no page throws or logs an error while it is hunted.
//   CORPUS_FILTER=leak-map      only the matching cases
//   CORPUS_CONCURRENCY=1        one case at a time (default: 2+, see corpusConcurrency)
//   CORPUS_REPORT=out.json      every case's headline, chain and suspect, for updating expect.json
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../lib/browser/launch.js';
import { corpusConcurrency, listCases, runCases, watchingPageErrors, type CaseOutcome } from './harness.js';

describe('leak corpus (real Chromium)', function () {
  this.timeout(300_000);
  const names = listCases(process.env.CORPUS_FILTER ? new RegExp(process.env.CORPUS_FILTER) : undefined);
  let browser: Browser;
  let outcomes: Map<string, Promise<CaseOutcome>>;
  const done: CaseOutcome[] = [];
  before(async () => {
    browser = (await launchBrowser()).browser;
    // All cases start here, a few at a time; each test waits for its own.
    outcomes = runCases(browser, names, corpusConcurrency());
  });
  after(async () => {
    // A test that timed out leaves hunts running: let them end before the browser does.
    await Promise.all(outcomes?.values() ?? []);
    await browser?.close();
    if (process.env.CORPUS_REPORT) writeFileSync(process.env.CORPUS_REPORT, `${JSON.stringify(done.map(summary), null, 2)}\n`);
  });

  it('(harness) hears what the page throws and logs as an error', async () => {
    const errors: string[] = [];
    const context = await watchingPageErrors(browser, errors).createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setContent(`<script>
        console.error('render failed:', 42);
        console.log('fine');
        setTimeout(() => { throw new TypeError('rows is undefined'); });
      </script>`);
      await page.waitForFunction(() => new Promise((r) => setTimeout(() => r(true), 50)));
      expect(errors.join('\n')).to.match(/console\.error: render failed: 42/).and.match(/uncaught .*rows is undefined/);
      expect(errors).to.have.length(2);
    } finally {
      await context.close();
    }
  });

  for (const name of names) {
    it(name, async function () {
      const outcome = await outcomes.get(name)!;
      done.push(outcome);
      const known = outcome.expect.knownIssue;
      if (known) {
        // A known verdict bug is shown as pending with its reason, never as a pass; once
        // fixed, the case fails until the knownIssue field is removed.
        expect(outcome.pass, `${name}: passes now — remove knownIssue (${known.check}) from its expect.json`).to.equal(false);
        expect(outcome.failedCheck, `${name}: fails another check than its knownIssue: ${outcome.problem}`).to.equal(known.check);
        console.warn(`      KNOWN ISSUE ${name} (${known.check}): ${known.why}\n        ${outcome.problem}`);
        this.skip();
      }
      expect(outcome.pass, `${name}: ${outcome.problem}`).to.equal(true);
    });
  }
});

function summary(o: CaseOutcome) {
  const top = o.result.leaks.filter((l) => !l.ignored);
  return {
    name: o.name,
    pass: o.pass,
    problem: o.problem,
    ms: o.ms,
    timings: o.result.timings,
    pageErrors: o.pageErrors,
    rows: top.map((l) => ({
      headline: l.headline,
      classes: l.classes.map((c) => `${c.className} +${c.perIteration}`),
      chain: l.chain.map((s) => `${s.className}${s.suspect ? ' [SUSPECT]' : ''}${s.listener ? ` {listener ${JSON.stringify(s.listener)}}` : ''} --${s.edge ? `${s.edge.type}:${s.edge.name}` : ''}-->`),
    })),
  };
}
