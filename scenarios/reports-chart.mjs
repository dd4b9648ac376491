// Leaks: the live chart subscribes to the metrics feed and never unsubscribes, so each visit
// to Reports leaves a ChartWidget and its two ChartSeries behind.
export default {
  name: 'visit the Reports screen and go back',
  url: '/#/team',
  async setup(page) {
    await page.locator('.team-view').wait();
  },
  async action(page) {
    await page.click('a[data-route="reports"]');
    await page.locator('.chart-widget canvas').wait();
  },
  async back(page) {
    await page.goBack();
    await page.locator('.team-view').wait();
  },
};
