import { VirtualList } from './virtual-list.js';

const ACTORS = ['mira', 'jonas', 'ade', 'li', 'ci-bot'];
const ACTIONS = ['signed in', 'rotated API key', 'invited a member', 'changed billing plan', 'exported users', 'deleted a webhook'];
const entries = Array.from({ length: 20000 }, (_, i) => ({
  at: new Date(Date.UTC(2026, 0, 1) + i * 61_000).toISOString().slice(0, 19),
  actor: ACTORS[i % ACTORS.length],
  action: ACTIONS[(i * 7) % ACTIONS.length],
}));

const viewport = document.getElementById('viewport');
new VirtualList(viewport, document.getElementById('spacer'), entries);

document.getElementById('jump-end').addEventListener('click', () => {
  viewport.scrollTop = viewport.scrollHeight;
});
document.getElementById('jump-top').addEventListener('click', () => {
  viewport.scrollTop = 0;
});
