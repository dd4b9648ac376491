export default {
  name: 'open and close the cart drawer',
  url: '/',
  async action(page) {
    await page.click('#open-cart');
    await page.locator('.cart-drawer').wait();
  },
  async back(page) {
    await page.click('.cart-drawer .close-cart');
    await page.waitForFunction(() => !document.querySelector('.cart-drawer'));
  },
};
