export default {
  name: 'hover a name to show the profile card',
  url: '/',
  async action(page) {
    await page.hover('.person[data-user="u42"]');
    await page.locator('.hovercard').wait();
  },
  async back(page) {
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => !document.querySelector('.hovercard'));
  },
};
