import { members } from '../data.js';
import { LruCache } from '../lib/lru-cache.js';
import { escapeHtml } from '../lib/html.js';

class MemberSearchResult {
  constructor(query, matches) {
    this.query = query;
    this.matches = matches;
  }
}

// Every keystroke is a query. Results are shared across visits to the Team screen, and the
// cache is bounded so that it cannot grow with the session.
const searchCache = new LruCache(12);

function searchMembers(query) {
  let result = searchCache.get(query);
  if (!result) {
    const q = query.toLowerCase();
    const matches = members.filter((m) => `${m.name} ${m.role} ${m.location}`.toLowerCase().includes(q));
    result = new MemberSearchResult(query, matches);
    searchCache.set(query, result);
  }
  return result;
}

export class TeamView {
  mount(outlet) {
    this.el = document.createElement('section');
    this.el.className = 'team-view';
    this.el.innerHTML = `
      <h1>Team</h1>
      <div class="search-bar" role="search">
        <input type="search" id="member-search" placeholder="Search people, roles, cities" aria-label="Search team" autocomplete="off">
        <button type="button" id="clear-search">Clear</button>
      </div>
      <p class="result-count" aria-live="polite"></p>
      <ul class="member-list"></ul>`;
    this.input = this.el.querySelector('#member-search');
    this.list = this.el.querySelector('.member-list');
    this.count = this.el.querySelector('.result-count');
    this.input.addEventListener('input', () => this.update());
    this.el.querySelector('#clear-search').addEventListener('click', () => {
      this.input.value = '';
      this.update();
      this.input.focus();
    });
    outlet.replaceChildren(this.el);
    this.update();
  }

  update() {
    const query = this.input.value.trim();
    const matches = query ? searchMembers(query).matches : members;
    // The whole list is rebuilt; old rows have no other references.
    this.list.innerHTML = matches.length
      ? matches.map((m) => `<li class="member"><strong>${escapeHtml(m.name)}</strong><br>
          <span class="role">${escapeHtml(m.role)} · ${escapeHtml(m.location)}</span></li>`).join('')
      : '<li class="empty">Nobody matches that search.</li>';
    this.count.textContent = `${matches.length} of ${members.length} people`;
    this.el.dataset.query = query;
  }

  unmount() {
    this.el.remove();
  }
}
