export default {
  name: 'add a contact and delete it again',
  url: '/',
  async action(page) {
    await page.click('#add');
    await page.locator('#rows tr').wait();
  },
  async back(page) {
    await page.click('#rows tr .delete');
    await page.waitForFunction(() => !document.querySelector('#rows tr'));
  },
};
