export default {
  name: 'open the new-label form, pick a colour and cancel',
  url: '/',
  async action(page) {
    await page.click('#new-label');
    await page.locator('color-swatch-picker .current').wait();
    await page.click('color-swatch-picker .current');
    await page.click('color-swatch-picker .swatch[data-color="#7057ff"]');
  },
  async back(page) {
    await page.click('.label-editor .cancel');
    await page.waitForFunction(() => !document.querySelector('.label-editor'));
  },
};
