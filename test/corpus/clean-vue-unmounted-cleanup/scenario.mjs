export default {
  name: 'show and hide the Vue table of contents',
  url: '/',
  async setup(page) {
    await page.locator('#toggle-toc').wait();
  },
  async action(page) {
    await page.click('#toggle-toc');
    await page.locator('.toc').wait();
  },
  async back(page) {
    await page.click('#toggle-toc');
    await page.waitForFunction(() => !document.querySelector('.toc'));
  },
};
