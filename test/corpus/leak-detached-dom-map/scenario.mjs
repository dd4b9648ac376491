export default {
  name: 'create a document and close its tab',
  url: '/',
  async action(page) {
    await page.click('#new-doc');
    await page.locator('.panel').wait();
  },
  async back(page) {
    await page.click('.tab .close-tab');
    await page.waitForFunction(() => !document.querySelector('.panel'));
  },
};
