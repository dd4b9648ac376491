export default {
  name: 'analyze a large import file',
  url: '/',
  async action(page) {
    await page.evaluate(() => (document.getElementById('summary').textContent = ''));
    await page.click('#analyze');
    await page.waitForFunction(() => document.getElementById('summary').textContent.includes('"count": 50000'));
  },
};
