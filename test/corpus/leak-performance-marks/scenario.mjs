export default {
  name: 'switch the pricing table to yearly and back to monthly',
  url: '/',
  async action(page) {
    await page.click('input[value="yearly"]');
    await page.locator('#render-time[data-billing="yearly"]').wait();
  },
  async back(page) {
    await page.click('input[value="monthly"]');
    await page.locator('#render-time[data-billing="monthly"]').wait();
  },
};
