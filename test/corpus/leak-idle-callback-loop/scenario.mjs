export default {
  name: 'open a note and close it',
  url: '/',
  async action(page) {
    await page.click('.open-note[data-note="ideas"]');
    await page.locator('.note-editor textarea').wait();
  },
  async back(page) {
    await page.click('.note-editor .close-note');
    await page.waitForFunction(() => !document.querySelector('.note-editor'));
  },
};
