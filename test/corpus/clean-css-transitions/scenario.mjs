export default {
  name: 'slide the notification drawer in and out',
  url: '/',
  async action(page) {
    await page.click('#bell');
    await page.locator('#drawer[data-state="open"]').wait();
    await page.waitForFunction(() => document.getAnimations().length === 0);
  },
  async back(page) {
    await page.click('#close-drawer');
    await page.locator('#drawer[data-state="closed"]').wait();
    await page.waitForFunction(() => document.getAnimations().length === 0);
  },
};
