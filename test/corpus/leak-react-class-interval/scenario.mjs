export default {
  name: 'start the exam and leave it',
  url: '/',
  async setup(page) {
    await page.locator('#start-exam').wait();
  },
  async action(page) {
    await page.click('#start-exam');
    await page.locator('.exam .countdown').wait();
  },
  async back(page) {
    await page.click('.close-exam');
    await page.locator('#start-exam').wait();
  },
};
