export default {
  name: 'start and cancel an upload',
  url: '/',
  async action(page) {
    await page.click('#upload');
    await page.locator('.upload-card').wait();
  },
  async back(page) {
    await page.click('.upload-card .cancel');
    await page.waitForFunction(() => !document.querySelector('.upload-card'));
  },
};
