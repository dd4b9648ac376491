export default {
  name: 'open and close an asset preview',
  url: '/',
  async action(page) {
    await page.click('#open-asset');
    await page.locator('.preview canvas').wait();
  },
  async back(page) {
    await page.click('.close-preview');
    await page.waitForFunction(() => !document.querySelector('.preview'));
  },
};
