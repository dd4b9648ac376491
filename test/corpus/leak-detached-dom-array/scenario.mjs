export default {
  name: 'archive a mail and dismiss the toast',
  url: '/',
  async action(page) {
    await page.click('.archive');
    await page.locator('.toast').wait();
  },
  async back(page) {
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('.toast'));
  },
};
