export default {
  name: 'assign an issue from the dropdown menu',
  url: '/',
  async action(page) {
    await page.click('.assign[data-issue="101"]');
    await page.locator('.menu').wait();
  },
  async back(page) {
    await page.click('.menu li:nth-child(2)');
    await page.waitForFunction(() => !document.querySelector('.menu'));
  },
};
