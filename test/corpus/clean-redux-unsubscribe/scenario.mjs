export default {
  name: 'open an order and close its details',
  url: '/',
  async setup(page) {
    await page.locator('li[data-order="SO-1041"]').wait();
  },
  async action(page) {
    await page.click('li[data-order="SO-1041"]');
    await page.locator('.order-details h2').wait();
  },
  async back(page) {
    await page.click('.order-details .close');
    await page.waitForFunction(() => !document.querySelector('.order-details'));
  },
};
