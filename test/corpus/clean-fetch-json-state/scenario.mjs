// Each click fetches data.json again (no-store) and waits for the table to be replaced.
export default {
  name: 'refresh the status table from data.json',
  url: '/',
  async setup(page) {
    await page.locator('#updated[data-refresh="1"]').wait();
  },
  async action(page) {
    const before = await page.$eval('#updated', (el) => Number(el.dataset.refresh));
    await page.click('#refresh');
    await page.waitForFunction((n) => Number(document.getElementById('updated').dataset.refresh) > n, {}, before);
  },
};
