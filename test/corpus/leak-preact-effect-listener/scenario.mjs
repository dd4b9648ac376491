export default {
  name: 'open the compose panel and discard it',
  url: '/',
  async setup(page) {
    await page.locator('#compose').wait();
  },
  async action(page) {
    await page.click('#compose');
    await page.locator('.compose .close').wait();
  },
  async back(page) {
    await page.click('.compose .close');
    await page.waitForFunction(() => !document.querySelector('.compose'));
  },
};
