export default {
  name: 'open and close a photo in the lightbox',
  url: '/',
  async action(page) {
    await page.click('.thumb[data-photo="p2"]');
    await page.locator('.lightbox').wait();
  },
  async back(page) {
    await page.click('.lightbox .close');
    await page.waitForFunction(() => !document.querySelector('.lightbox'));
  },
};
