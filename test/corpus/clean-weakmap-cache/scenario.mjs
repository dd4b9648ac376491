export default {
  name: 'open the profile form, read a tooltip, cancel',
  url: '/',
  async action(page) {
    await page.click('#open-form');
    await page.hover('.profile-form .help');
    await page.locator('.tooltip').wait();
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => !document.querySelector('.tooltip'));
  },
  async back(page) {
    await page.click('.profile-form .cancel');
    await page.waitForFunction(() => !document.querySelector('.profile-form'));
  },
};
