// Filters to Design and back to All; hovers one name in each view so it gets a tooltip.
export default {
  name: 'filter the directory by team, hover a name, show everyone again',
  url: '/',
  async action(page) {
    await page.click('.team[data-team="design"]');
    await page.locator('#people[data-team="design"] .name').wait();
    await page.hover('#people .person:first-child .name');
    await page.locator('.tooltip').wait();
  },
  async back(page) {
    await page.click('.team[data-team=""]');
    await page.waitForFunction(() => document.getElementById('people').dataset.team === '' && !document.querySelector('.tooltip'));
  },
};
