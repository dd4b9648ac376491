export default {
  name: 'read a help article and close it',
  url: '/',
  async action(page) {
    await page.click('.article-link[data-article="billing"]');
    await page.locator('.article').wait();
  },
  async back(page) {
    await page.click('.article .close-article');
    await page.waitForFunction(() => !document.querySelector('.article'));
  },
};
