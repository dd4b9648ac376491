export default {
  name: 'open and close the build details drawer',
  url: '/',
  async action(page) {
    await page.click('.details[data-job="4812"]');
    await page.locator('.job-drawer').wait();
  },
  async back(page) {
    await page.click('.job-drawer .close');
    await page.waitForFunction(() => !document.querySelector('.job-drawer'));
  },
};
