export default {
  name: 'show and hide the document outline',
  url: '/',
  async action(page) {
    await page.click('#toggle-outline');
    await page.locator('.outline div').wait();
  },
  async back(page) {
    await page.click('#toggle-outline');
    await page.waitForFunction(() => !document.querySelector('.outline'));
  },
};
