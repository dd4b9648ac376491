export default {
  name: 'open a channel feed and go home',
  url: '/',
  async setup(page) {
    await page.setViewport({ width: 800, height: 600 });
  },
  async action(page) {
    await page.click('.channel[data-channel="announcements"]');
    await page.locator('.feed li').wait();
  },
  async back(page) {
    await page.click('#home');
    await page.waitForFunction(() => !document.querySelector('.feed'));
  },
};
