export default {
  name: 'open the traffic chart and go back to the overview',
  url: '/',
  async action(page) {
    await page.click('#show-traffic');
    await page.locator('.traffic canvas').wait();
  },
  async back(page) {
    await page.click('#show-overview');
    await page.waitForFunction(() => !document.querySelector('.traffic'));
  },
};
