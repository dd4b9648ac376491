// Leaks: the settings dialog adds a window resize listener (holding its DialogState) and
// never removes it.
export default {
  name: 'open and cancel the settings dialog',
  url: '/#/team',
  async setup(page) {
    await page.locator('#settings-button').wait();
  },
  async action(page) {
    await page.click('#settings-button');
    await page.locator('dialog.settings[open]').wait();
    await page.click('dialog.settings input[name="emailDigest"]');
  },
  async back(page) {
    await page.click('dialog.settings button[value="cancel"]');
    await page.waitForFunction(() => !document.querySelector('dialog.settings'));
  },
};
