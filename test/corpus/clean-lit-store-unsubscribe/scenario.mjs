export default {
  name: 'open the cart and go back to the catalog',
  url: '/',
  async setup(page) {
    await page.waitForFunction(() => customElements.get('cart-summary'));
  },
  async action(page) {
    await page.click('#show-cart');
    await page.waitForFunction(() => !!document.querySelector('cart-summary')?.shadowRoot?.querySelector('.count'));
  },
  async back(page) {
    await page.click('#show-catalog');
    await page.waitForFunction(() => !document.querySelector('cart-summary'));
  },
};
