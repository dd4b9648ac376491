// Each iteration types a different term, one keystroke (one cache entry) per letter, so
// the cache keeps evicting; it holds at most 8 result sets whatever the iteration count.
const TERMS = ['invoices', 'webhooks', 'audit log', 'api keys', 'exports', 'quotas', 'billing', 'roles'];
let round = 0;

export default {
  name: 'search the knowledge base and clear the search',
  url: '/',
  async action(page) {
    const term = TERMS[round++ % TERMS.length];
    await page.type('#search', term);
    await page.waitForFunction((t) => document.getElementById('results').dataset.query === t, {}, term);
  },
  async back(page) {
    await page.click('#clear-search');
    await page.waitForFunction(() => document.getElementById('results').dataset.query === '');
  },
};
