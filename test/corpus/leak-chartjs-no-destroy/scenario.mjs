export default {
  name: 'open the revenue chart dialog and close it',
  url: '/',
  async action(page) {
    await page.click('#open-revenue');
    await page.locator('.revenue canvas').wait();
  },
  async back(page) {
    await page.click('.revenue .close');
    await page.waitForFunction(() => !document.querySelector('.revenue'));
  },
};
