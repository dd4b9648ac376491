export default {
  name: 'refresh the sales report',
  url: '/',
  async action(page) {
    await page.click('#refresh');
    await page.locator('#summary:not(:empty)').wait();
  },
};
