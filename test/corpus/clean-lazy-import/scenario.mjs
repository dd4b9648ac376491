export default {
  name: 'open the print preview (lazy-loaded module) and close it',
  url: '/',
  async action(page) {
    await page.click('#preview');
    await page.locator('.preview .close-preview').wait();
  },
  async back(page) {
    await page.click('.preview .close-preview');
    await page.waitForFunction(() => !document.querySelector('.preview'));
  },
};
