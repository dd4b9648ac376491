export default {
  name: 'show and hide the traffic report',
  url: '/',
  async action(page) {
    await page.click('#show-report');
    await page.locator('#main table').wait();
  },
  async back(page) {
    await page.click('#hide-report');
    await page.waitForFunction(() => !document.querySelector('#main table'));
  },
};
