export default {
  name: 'check spelling and close the dialog',
  url: '/',
  async action(page) {
    await page.click('#check-spelling');
    await page.locator('.spell-dialog[data-checked="true"]').wait();
  },
  async back(page) {
    await page.click('.spell-dialog .done');
    await page.waitForFunction(() => !document.querySelector('.spell-dialog'));
  },
};
