export default {
  name: 'show and hide the latency panel',
  url: '/',
  async action(page) {
    await page.click('#open-panel');
    await page.locator('.metric-panel .bar').wait();
  },
  async back(page) {
    await page.click('#close-panel');
    await page.waitForFunction(() => !document.querySelector('.metric-panel'));
  },
};
