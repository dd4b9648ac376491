export default {
  name: 'start the presentation, page through it and exit',
  url: '/',
  async action(page) {
    await page.click('#present');
    await page.locator('.presenter').wait();
    await page.keyboard.press('ArrowRight');
  },
  async back(page) {
    await page.click('.presenter .exit');
    await page.waitForFunction(() => !document.querySelector('.presenter'));
  },
};
