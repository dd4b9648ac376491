export default {
  name: 'open the quick view of a product and close it',
  url: '/',
  async action(page) {
    await page.click('.quick[data-sku="BAG-0C"]');
    await page.locator('.quick-view').wait();
  },
  async back(page) {
    await page.click('.quick-view .close');
    await page.waitForFunction(() => !document.querySelector('.quick-view'));
  },
};
