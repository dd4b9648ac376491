export default {
  name: 'start a mail and discard it',
  url: '/',
  async action(page) {
    await page.click('#compose');
    await page.locator('.compose').wait();
    await page.type('.compose [name=subject]', 'Lunch?');
  },
  async back(page) {
    await page.click('.compose .discard');
    await page.waitForFunction(() => !document.querySelector('.compose'));
  },
};
