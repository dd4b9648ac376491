export default {
  name: 'upload a file and dismiss it',
  url: '/',
  async action(page) {
    await page.click('#upload');
    await page.locator('.upload-row .dismiss:not([hidden])').wait();
  },
  async back(page) {
    await page.click('.upload-row .dismiss');
    await page.waitForFunction(() => !document.querySelector('.upload-row'));
  },
};
