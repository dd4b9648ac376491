export default {
  name: 'show and hide the React price ticker',
  url: '/',
  async setup(page) {
    await page.locator('#toggle-ticker').wait();
  },
  async action(page) {
    await page.click('#toggle-ticker');
    await page.locator('.ticker').wait();
  },
  async back(page) {
    await page.click('#toggle-ticker');
    await page.waitForFunction(() => !document.querySelector('.ticker'));
  },
};
