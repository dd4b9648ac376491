export default {
  name: 'filter the orders table and reset the filter',
  url: '/',
  async action(page) {
    await page.select('#status-filter', 'shipped');
    await page.waitForFunction(() => document.querySelectorAll('#orders tr').length === 30);
  },
  async back(page) {
    await page.select('#status-filter', 'all');
    await page.waitForFunction(() => document.querySelectorAll('#orders tr').length === 120);
  },
};
