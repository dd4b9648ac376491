// The fixture on a page that leaks. Each test is marked `test.fail()`: the suite passes only
// if `toNotLeak` really fails, and test/integration/playwright-fixture.test.ts checks that the
// failure message Playwright prints carries the report with the retainer chain.
import { test, expect } from './site.js';

test('a dialog that keeps every panel in a global list leaks', async ({ page, leakhound }) => {
  test.fail();
  await page.goto('/leaky.html');
  const result = await leakhound.hunt({
    action: () => page.click('#open'),
    back: () => page.click('#close'),
    iterations: 6,
  });
  expect(result).toNotLeak();
});

test('a step that throws fails the check with the step named', async ({ page, leakhound }) => {
  test.fail();
  await page.goto('/clean.html');
  const result = await leakhound.hunt({
    action: () => page.click('#open'),
    back: async () => {
      throw new Error('the close button moved');
    },
    iterations: 2,
  });
  expect(result).toNotLeak();
});
