// Leaks: the notifications panel keeps every rendered NotificationRow (and its detached <li>)
// in a module-level array.
export default {
  name: 'open and close the notifications panel',
  url: '/#/team',
  async setup(page) {
    await page.locator('#notifications-button').wait();
  },
  async action(page) {
    await page.click('#notifications-button');
    await page.locator('.notifications-panel .notification').wait();
  },
  async back(page) {
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('.notifications-panel'));
  },
};
