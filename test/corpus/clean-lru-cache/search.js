import { LruCache } from './lru-cache.js';

const TOPICS = ['billing', 'invoices', 'sso', 'saml', 'audit log', 'api keys', 'webhooks', 'exports', 'roles', 'quotas'];
const ARTICLES = Array.from({ length: 400 }, (_, i) => ({
  id: i,
  title: `${TOPICS[i % TOPICS.length]} guide part ${Math.floor(i / TOPICS.length) + 1}`,
}));

class SearchResultSet {
  constructor(query, hits) {
    this.query = query;
    this.hits = hits;
    this.createdAt = Date.now();
  }
}

// Every keystroke is a query, so results are cached, but only the 8 most recent.
const resultCache = new LruCache(8);

function search(query) {
  let results = resultCache.get(query);
  if (!results) {
    const q = query.toLowerCase();
    results = new SearchResultSet(query, ARTICLES.filter((a) => a.title.includes(q)).slice(0, 20));
    resultCache.set(query, results);
  }
  return results;
}

const input = document.getElementById('search');
const list = document.getElementById('results');

function render() {
  const query = input.value.trim();
  const { hits } = query ? search(query) : { hits: [] };
  list.replaceChildren(...hits.map((hit) => {
    const li = document.createElement('li');
    li.textContent = hit.title;
    return li;
  }));
  list.dataset.query = query;
}

input.addEventListener('input', render);
document.getElementById('clear-search').addEventListener('click', () => {
  input.value = '';
  render();
});
