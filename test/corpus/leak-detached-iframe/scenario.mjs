export default {
  name: 'preview the newsletter and close the preview',
  url: '/',
  async action(page) {
    await page.click('#preview');
    await page.locator('.preview-pane iframe').wait();
  },
  async back(page) {
    await page.click('.close-preview');
    await page.waitForFunction(() => !document.querySelector('.preview-pane'));
  },
};
