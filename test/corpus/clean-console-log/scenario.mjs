export default {
  name: 'open and cancel the role dialog',
  url: '/',
  async action(page) {
    await page.click('#edit-role');
    await page.locator('.role-dialog').wait();
  },
  async back(page) {
    await page.click('.role-dialog .cancel');
    await page.waitForFunction(() => !document.querySelector('.role-dialog'));
  },
};
