export default {
  name: 'open and close an event popover',
  url: '/',
  async action(page) {
    await page.click('.event[data-event="standup"]');
    await page.locator('.close-popover').wait();
  },
  async back(page) {
    await page.click('.close-popover');
    await page.waitForFunction(() => !document.querySelector('.close-popover'));
  },
};
