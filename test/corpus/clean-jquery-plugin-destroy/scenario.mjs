export default {
  name: 'open the photo carousel of a listing and close it',
  url: '/',
  async setup(page) {
    await page.locator('.photos[data-id="a12"]').wait();
  },
  async action(page) {
    await page.click('.photos[data-id="a12"]');
    await page.locator('.modal .carousel .slide').wait();
    await page.click('.modal .carousel .slide');
  },
  async back(page) {
    await page.click('.modal .close');
    await page.waitForFunction(() => !document.querySelector('.modal'));
  },
};
