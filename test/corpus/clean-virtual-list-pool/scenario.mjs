export default {
  name: 'jump to the latest audit entries and back to the oldest',
  url: '/',
  async action(page) {
    await page.click('#jump-end');
    await page.waitForFunction(() => Number(document.getElementById('viewport').dataset.first) > 19000);
  },
  async back(page) {
    await page.click('#jump-top');
    await page.waitForFunction(() => document.getElementById('viewport').dataset.first === '0');
  },
};
