export default {
  name: 'open and close a comment thread',
  url: '/',
  async action(page) {
    await page.click('.open-thread');
    await page.locator('.thread .mention').wait();
  },
  async back(page) {
    await page.click('.thread .close-thread');
    await page.waitForFunction(() => !document.querySelector('.thread'));
  },
};
