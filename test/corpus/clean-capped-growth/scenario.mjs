export default {
  name: 'open a different project each time and close it',
  url: '/',
  async action(page) {
    await page.click('#open-next');
    await page.locator('.project-title').wait();
  },
  async back(page) {
    await page.click('#close-project');
    await page.waitForFunction(() => !document.querySelector('.project-title'));
  },
};
