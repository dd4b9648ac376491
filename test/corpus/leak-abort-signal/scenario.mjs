export default {
  name: 'export invoices and dismiss the download',
  url: '/',
  async action(page) {
    await page.click('#export');
    await page.locator('.download .dismiss').wait();
  },
  async back(page) {
    await page.click('.download .dismiss');
    await page.waitForFunction(() => !document.querySelector('.download'));
  },
};
