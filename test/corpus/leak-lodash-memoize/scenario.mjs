export default {
  name: 'open the signups report and close it',
  url: '/',
  async action(page) {
    await page.click('.report[data-report="signups"]');
    await page.locator('.report-table').wait();
  },
  async back(page) {
    await page.click('#close-report');
    await page.waitForFunction(() => !document.querySelector('.report-table'));
  },
};
