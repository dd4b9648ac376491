export default {
  name: 'open and cancel an inline review comment',
  url: '/',
  async action(page) {
    await page.click('.diff-line[data-line="12"]');
    await page.locator('.comment-editor textarea').wait();
    await page.type('.comment-editor textarea', 'nit: rename');
  },
  async back(page) {
    await page.click('.comment-editor .cancel');
    await page.waitForFunction(() => !document.querySelector('.comment-editor'));
  },
};
