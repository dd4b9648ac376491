class UserProfile {
  constructor(json) {
    this.id = json.id;
    this.name = json.name;
    this.title = json.title;
    this.teams = json.teams;
    this.fetchedAt = json.fetchedAt;
  }
}

// Response cache keyed by request URL.
const profileCache = new Map();

function profileUrl(userId) {
  // The cache-buster makes every URL unique, so the cache never hits and never shrinks.
  return `/api/users/${userId}?_=${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

// Stands in for fetch(url).then((r) => r.json()).
async function fetchJson(url) {
  const id = url.split('/')[3].split('?')[0];
  return { id, name: `User ${id}`, title: 'Product designer', teams: ['design', 'web'], fetchedAt: Date.now() };
}

async function loadProfile(userId) {
  const url = profileUrl(userId);
  if (!profileCache.has(url)) {
    profileCache.set(url, new UserProfile(await fetchJson(url)));
  }
  return profileCache.get(url);
}

let card = null;

async function showHovercard(target) {
  const profile = await loadProfile(target.dataset.user);
  hideHovercard();
  card = document.createElement('div');
  card.className = 'hovercard';
  card.innerHTML = `<strong>${profile.name}</strong><br>${profile.title}<br><small>${profile.teams.join(', ')}</small>`;
  const rect = target.getBoundingClientRect();
  card.style.left = `${rect.left}px`;
  card.style.top = `${rect.bottom + 4}px`;
  document.body.append(card);
}

function hideHovercard() {
  card?.remove();
  card = null;
}

for (const person of document.querySelectorAll('.person')) {
  person.addEventListener('mouseenter', () => showHovercard(person));
  person.addEventListener('mouseleave', hideHovercard);
}
