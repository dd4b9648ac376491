export default {
  name: 'open the archive confirmation dialog and cancel it',
  url: '/',
  async action(page) {
    await page.click('li[data-project="atlas"] .archive');
    await page.locator('dialog.confirm[open] .cancel').wait();
  },
  async back(page) {
    await page.click('dialog.confirm .cancel');
    await page.waitForFunction(() => !document.querySelector('dialog.confirm'));
  },
};
