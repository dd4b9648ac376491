// Navigates with pushState and comes back with the browser's Back button (popstate).
export default {
  name: 'open settings through the router and go back',
  url: '/',
  async setup(page) {
    await page.locator('.view.home').wait();
  },
  async action(page) {
    await page.click('a[href="/settings"]');
    await page.locator('.view.settings').wait();
  },
  async back(page) {
    await page.goBack();
    await page.locator('.view.home').wait();
  },
};
