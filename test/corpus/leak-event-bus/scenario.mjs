export default {
  name: 'join a chat room and leave it',
  url: '/',
  async action(page) {
    await page.click('#rooms [data-room="general"]');
    await page.locator('.room').wait();
  },
  async back(page) {
    await page.click('#leave');
    await page.waitForFunction(() => !document.querySelector('.room'));
  },
};
