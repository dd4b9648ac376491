const issues = [
  { id: 101, title: 'Login button misaligned on Safari', assignee: null },
  { id: 102, title: 'Export to CSV drops the header row', assignee: 'mira' },
  { id: 103, title: 'Dark mode: unreadable tooltips', assignee: null },
];
const people = ['mira', 'jonas', 'ade', 'li'];

class DropdownMenu {
  constructor(anchor, options, onSelect) {
    this.anchor = anchor;
    this.options = options;
    this.onSelect = onSelect;
    this.el = document.createElement('ul');
    this.el.className = 'menu';
    this.el.setAttribute('role', 'menu');
    for (const option of options) {
      const li = document.createElement('li');
      li.setAttribute('role', 'menuitem');
      li.textContent = option;
      li.addEventListener('click', () => this.select(option));
      this.el.append(li);
    }
  }

  show() {
    const rect = this.anchor.getBoundingClientRect();
    this.el.style.left = `${rect.left}px`;
    this.el.style.top = `${rect.bottom + 2}px`;
    document.body.append(this.el);
    // Every global listener of this menu shares one signal, so close() removes them all.
    this.listeners = new AbortController();
    closeOnOutsideClick(this, this.listeners.signal);
    window.addEventListener('resize', () => this.close(), { signal: this.listeners.signal });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    }, { signal: this.listeners.signal });
  }

  select(option) {
    this.onSelect(option);
    this.close();
  }

  close() {
    this.listeners?.abort();
    this.el.remove();
  }
}

function closeOnOutsideClick(menu, signal) {
  document.addEventListener('mousedown', function onDocumentMouseDown(event) {
    if (menu.el.isConnected && !menu.el.contains(event.target) && event.target !== menu.anchor) {
      menu.close();
    }
  }, { signal });
}

function renderIssue(issue) {
  const row = document.createElement('div');
  row.className = 'issue';
  const title = document.createElement('span');
  title.textContent = `#${issue.id} ${issue.title}`;
  const assign = document.createElement('button');
  assign.className = 'assign';
  assign.dataset.issue = String(issue.id);
  assign.textContent = issue.assignee ?? 'Assign…';
  assign.addEventListener('click', () => {
    new DropdownMenu(assign, people, (person) => {
      issue.assignee = person;
      assign.textContent = person;
    }).show();
  });
  row.append(title, assign);
  return row;
}

document.getElementById('issues').append(...issues.map(renderIssue));
