// `leakhound/playwright`: a Playwright Test fixture and a `toNotLeak` matcher, so a team's
// existing e2e suite can check for leaks. The only file under lib/ that imports Playwright;
// it is loaded through its own package entry, so users without Playwright never load it.
// The hunt itself is `startHunt` (lib/runner/hunt.ts) over Playwright's CDP session.
//
//   import { test, expect } from 'leakhound/playwright';
//   test('settings dialog does not leak', async ({ page, leakhound }) => {
//     await page.goto('/');
//     const result = await leakhound.hunt({ action: () => page.click('#open'), back: () => page.click('#close') });
//     expect(result).toNotLeak();
//   });
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { test as base, expect as baseExpect, type Page, type TestInfo } from '@playwright/test';
import { startHunt, type Hunt, type StartHuntOptions } from './runner/hunt.js';
import type { ScenarioResult } from './analysis/result.js';
import { renderReport } from './report/index.js';
import { huntPage, toHuntResult, toNotLeak, type HuntPageOptions } from './testing.js';

export { huntPage, assertNoLeaks, LeakAssertionError, toHuntResult, leakMatchers } from './testing.js';
export type { HuntPageOptions, LeakCheckSubject } from './testing.js';
export type { Hunt, StartHuntOptions } from './runner/hunt.js';
export type { ScenarioResult } from './analysis/result.js';

/** Defaults for hunts: `use: { leakhoundOptions: { iterations: 8 } }` in the config, or `test.use(…)`. */
export type LeakhoundOptions = Omit<StartHuntOptions, 'onStep' | 'name'>;

export interface LeakHuntOptions extends Omit<HuntPageOptions, 'file'> {
  /** Another page of the test (default: the `page` fixture). */
  page?: Page;
}

export interface LeakhoundFixture {
  /** Hunts the page as it is now and returns the result; the report is attached on failure. */
  hunt(opts: LeakHuntOptions): Promise<ScenarioResult>;
  /** The step-by-step API (`iterate`, `finish`); closed after the test if you do not. */
  start(opts?: StartHuntOptions & { page?: Page }): Promise<Hunt>;
  /** Every result this test produced, in order (what `expect(leakhound).toNotLeak()` checks). */
  readonly results: readonly ScenarioResult[];
}

export const test = base.extend<{ leakhound: LeakhoundFixture; leakhoundOptions: LeakhoundOptions }>({
  leakhoundOptions: [{}, { option: true }],
  leakhound: async ({ page, leakhoundOptions }, use, testInfo) => {
    const results: ScenarioResult[] = [];
    const open = new Set<Hunt>();
    const name = () => testInfo.titlePath.slice(1).join(' › ') || testInfo.title;
    const where = () => `${relative(testInfo.project.testDir || process.cwd(), testInfo.file)}:${testInfo.line}`;
    const fixture: LeakhoundFixture = {
      results,
      async hunt(opts) {
        const { page: target = page, ...rest } = opts;
        const n = results.length;
        const result = await huntPage(target, {
          ...leakhoundOptions,
          name: n === 0 ? name() : `${name()} (${n + 1})`,
          file: where(),
          ...rest,
        });
        results.push(result);
        return result;
      },
      async start(opts = {}) {
        const { page: target = page, ...rest } = opts;
        const hunt = await startHunt(target, { ...leakhoundOptions, name: name(), ...rest });
        open.add(hunt);
        // Results of the step-by-step API are reported too, and closing twice is harmless.
        const wrapped: Hunt = {
          get heap() {
            return hunt.heap;
          },
          iterate: (action, back, o) => hunt.iterate(action, back, o),
          async finish() {
            const r = await hunt.finish();
            r.file = where();
            results.push(r);
            return r;
          },
          async close() {
            open.delete(hunt);
            await hunt.close();
          },
        };
        return wrapped;
      },
    };
    try {
      await use(fixture);
    } finally {
      for (const h of open) await h.close().catch(() => undefined);
      await attachOnFailure(testInfo, results);
    }
  },
});

/**
 * The report as attachments of a failed test: HTML (opens from Playwright's HTML report) and
 * the JSON result. Written as files, so the terminal reporters list them rather than print
 * them; the error message already carries the text report.
 */
async function attachOnFailure(testInfo: TestInfo, results: ScenarioResult[]): Promise<void> {
  if (results.length === 0) return;
  if (testInfo.status === 'passed' || testInfo.status === 'skipped') return;
  const hr = toHuntResult(results);
  const html = testInfo.outputPath('leakhound-report.html');
  const json = testInfo.outputPath('leakhound-result.json');
  await mkdir(dirname(html), { recursive: true });
  await writeFile(html, renderReport(hr, 'html'));
  await writeFile(json, renderReport(hr, 'json'));
  await testInfo.attach('leakhound-report.html', { path: html, contentType: 'text/html' });
  await testInfo.attach('leakhound-result.json', { path: json, contentType: 'application/json' });
}

/**
 * Playwright's `expect` with `toNotLeak()`: on a result (`expect(result).toNotLeak()`), a list
 * of results, or the fixture itself (`expect(leakhound).toNotLeak()`, every hunt of the test).
 */
export const expect = baseExpect.extend({
  toNotLeak(received: unknown) {
    return toNotLeak.call(this, received);
  },
});
