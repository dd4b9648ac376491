// Setup fills the 8-slot buffer; every iteration then logs four more entries.
export default {
  name: 'toggle the lamp and look at the recent activity',
  url: '/',
  async setup(page) {
    for (let i = 0; i < 8; i++) await page.click('#lamp');
  },
  async action(page) {
    await page.click('#lamp');
    await page.click('#lamp');
    await page.click('#show-activity');
    await page.locator('#activity li:nth-child(8)').wait();
  },
  async back(page) {
    await page.click('#lamp');
    await page.click('#lamp');
    await page.waitForFunction(() => document.getElementById('lamp-state').textContent === 'off');
  },
};
