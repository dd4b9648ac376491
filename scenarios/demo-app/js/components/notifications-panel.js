import { notifications } from '../data.js';
import { escapeHtml, timeAgo } from '../lib/html.js';

class NotificationRow {
  constructor(notification) {
    this.notification = notification;
    this.el = document.createElement('li');
    this.el.className = notification.unread ? 'notification unread' : 'notification';
    this.el.innerHTML = `<div>${escapeHtml(notification.text)}</div><time>${timeAgo(notification.minutesAgo)}</time>`;
  }

  markRead() {
    this.notification.unread = false;
    this.el.classList.remove('unread');
  }
}

// Rows are remembered so that "Mark all read" can update them in place.
// BUG: closing the panel never empties this array, so every closed panel's rows pile up.
const renderedRows = [];

let panel = null;

export function renderUnreadBadge() {
  const unread = notifications.filter((n) => n.unread).length;
  document.getElementById('unread-count').textContent = unread ? String(unread) : '';
}

function openPanel() {
  panel = document.createElement('section');
  panel.className = 'notifications-panel';
  panel.setAttribute('aria-label', 'Notifications');
  panel.innerHTML = `
    <header><strong>Notifications</strong>
      <span><button type="button" class="mark-all-read">Mark all read</button>
      <button type="button" class="close-panel" aria-label="Close">×</button></span>
    </header>
    <ul></ul>`;
  const list = panel.querySelector('ul');
  for (const notification of notifications) {
    const row = new NotificationRow(notification);
    renderedRows.push(row);
    list.append(row.el);
  }
  panel.querySelector('.mark-all-read').addEventListener('click', markAllRead);
  panel.querySelector('.close-panel').addEventListener('click', closePanel);
  document.body.append(panel);
}

function closePanel() {
  panel?.remove();
  panel = null;
}

function markAllRead() {
  for (const row of renderedRows) row.markRead();
  renderUnreadBadge();
}

export function toggleNotificationsPanel() {
  if (panel) closePanel();
  else openPanel();
}

// Registered once for the whole app, not per panel.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && panel) closePanel();
});
