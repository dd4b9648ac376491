export default {
  name: 'open and close a live ticker',
  url: '/',
  async action(page) {
    await page.click('.show-ticker[data-symbol="ACME"]');
    await page.locator('.ticker').wait();
  },
  async back(page) {
    await page.click('.ticker .close');
    await page.waitForFunction(() => !document.querySelector('.ticker'));
  },
};
