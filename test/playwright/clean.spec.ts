// The fixture on a page that does not leak: the hunt is clean and `toNotLeak` passes, both
// through `leakhound.hunt()` and through the step-by-step API checked on the fixture itself.
import { test, expect } from './site.js';

test('a dialog that lets go of its panel does not leak', async ({ page, leakhound }) => {
  await page.goto('/clean.html');
  const result = await leakhound.hunt({
    action: () => page.click('#open'),
    back: () => page.click('#close'),
    iterations: 6,
  });
  expect(result.status).toBe('clean');
  expect(result.iterations).toBe(6);
  expect(result).toNotLeak();
});

test('the step-by-step API: startHunt, iterate, finish, checked on the fixture', async ({ page, leakhound }) => {
  await page.goto('/clean.html');
  const hunt = await leakhound.start({ iterations: 4 });
  await hunt.iterate(
    () => page.click('#open'),
    () => page.click('#close'),
  );
  const result = await hunt.finish();
  expect(result.iterations).toBe(4);
  expect(leakhound.results).toHaveLength(1);
  await expect(leakhound).toNotLeak();
});

test.describe('defaults from leakhoundOptions', () => {
  test.use({ leakhoundOptions: { iterations: 2, ignore: ['NeverSeen'] } });

  test('a hunt without its own iterations takes them from the options', async ({ page, leakhound }) => {
    await page.goto('/clean.html');
    const result = await leakhound.hunt({ action: () => page.click('#open'), back: () => page.click('#close') });
    expect(result.iterations).toBe(2);
    expect(result).toNotLeak();
  });
});
