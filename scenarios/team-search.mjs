// Clean flow: searching rebuilds the member list and caches results in a bounded LRU.
// A different term each round keeps the cache evicting.
const TERMS = ['engineer', 'lisbon', 'designer', 'osaka', 'manager', 'berlin', 'analyst'];
let round = 0;

export default {
  name: 'search the team list and clear the search',
  url: '/#/team',
  async setup(page) {
    await page.locator('#member-search').wait();
  },
  async action(page) {
    const term = TERMS[round++ % TERMS.length];
    await page.type('#member-search', term);
    await page.waitForFunction((t) => document.querySelector('.team-view')?.dataset.query === t, {}, term);
  },
  async back(page) {
    await page.click('#clear-search');
    await page.waitForFunction(() => document.querySelector('.team-view')?.dataset.query === '');
  },
};
