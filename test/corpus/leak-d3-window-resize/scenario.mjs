export default {
  name: 'show the CPU sparkline and go back home',
  url: '/',
  async action(page) {
    await page.click('#show-cpu');
    await page.locator('.sparkline path').wait();
  },
  async back(page) {
    await page.click('#show-home');
    await page.waitForFunction(() => !document.querySelector('.sparkline'));
  },
};
