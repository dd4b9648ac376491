export default {
  name: 'open the store locator and close it',
  url: '/',
  async action(page) {
    await page.click('#find-store');
    await page.locator('.store-locator .leaflet-interactive').wait();
  },
  async back(page) {
    await page.click('.store-locator .close');
    await page.waitForFunction(() => !document.querySelector('.store-locator'));
  },
};
