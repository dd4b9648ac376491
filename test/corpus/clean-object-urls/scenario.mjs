export default {
  name: 'preview a badge image from an object URL and discard it',
  url: '/',
  async action(page) {
    await page.click('#render-badge');
    await page.locator('.preview[data-loaded="true"]').wait();
  },
  async back(page) {
    await page.click('.preview .discard');
    await page.waitForFunction(() => !document.querySelector('.preview'));
  },
};
