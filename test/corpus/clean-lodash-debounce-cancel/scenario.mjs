// Zooming schedules a debounced save 500 ms later; closing at once cancels it.
export default {
  name: 'open the store map, zoom in and close it',
  url: '/',
  async action(page) {
    await page.click('#open-map');
    await page.locator('.map-panel .zoom-in').wait();
    await page.click('.map-panel .zoom-in');
    await page.click('.map-panel .zoom-out');
  },
  async back(page) {
    await page.click('.map-panel .close-map');
    await page.waitForFunction(() => !document.querySelector('.map-panel'));
  },
};
