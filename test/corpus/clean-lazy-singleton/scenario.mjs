export default {
  name: 'open preferences, switch theme, close',
  url: '/',
  async action(page) {
    await page.click('#open-prefs');
    await page.locator('dialog.prefs[open]').wait();
    await page.click('dialog.prefs input[value="dark"]');
  },
  async back(page) {
    await page.click('dialog.prefs button[value="done"]');
    await page.waitForFunction(() => !document.querySelector('dialog.prefs'));
  },
};
