const main = document.getElementById('main');

const rows = [
  { page: '/pricing', views: 18231, bounce: 0.41 },
  { page: '/docs/getting-started', views: 12044, bounce: 0.22 },
  { page: '/blog/2026-roadmap', views: 6310, bounce: 0.57 },
];

// Hides low-priority columns when the content area gets narrow.
class ResponsiveColumns {
  constructor(table, priorities) {
    this.table = table;
    this.priorities = priorities;
    this.lastWidth = 0;
  }

  update(width) {
    if (width === this.lastWidth) return;
    this.lastWidth = width;
    this.priorities.forEach((priority, column) => {
      const hidden = width < 400 && priority > 1;
      for (const row of this.table.rows) row.cells[column].hidden = hidden;
    });
  }
}

let view = null;

function showReport() {
  const table = document.createElement('table');
  table.innerHTML = `<thead><tr><th>Page</th><th>Views</th><th>Bounce rate</th></tr></thead>
    <tbody>${rows.map((r) => `<tr><td>${r.page}</td><td>${r.views}</td><td>${(r.bounce * 100).toFixed(0)}%</td></tr>`).join('')}</tbody>`;
  const columns = new ResponsiveColumns(table, [1, 1, 2]);
  // The layout depends on the page's content area, which outlives the report.
  const observer = new ResizeObserver((entries) => columns.update(entries[0].contentRect.width));
  observer.observe(main);
  main.replaceChildren(table);
  view = { table, columns, observer };
}

function hideReport() {
  // BUG: forgets view.observer.disconnect(); `main` keeps the observer and the old table.
  main.replaceChildren();
  view = null;
}

document.getElementById('show-report').addEventListener('click', showReport);
document.getElementById('hide-report').addEventListener('click', hideReport);
