export default {
  name: 'open a code snippet and close it',
  url: '/',
  async action(page) {
    await page.click('.open-snippet[data-id="fetch-retry"]');
    await page.locator('.snippet pre').wait();
  },
  async back(page) {
    await page.click('#close-snippet');
    await page.waitForFunction(() => !document.querySelector('.snippet'));
  },
};
