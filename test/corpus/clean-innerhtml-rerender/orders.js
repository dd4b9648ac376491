const STATUSES = ['open', 'shipped', 'open', 'cancelled'];
const orders = Array.from({ length: 120 }, (_, i) => ({
  id: 1000 + i,
  customer: `Customer ${(i * 7) % 31}`,
  status: STATUSES[i % STATUSES.length],
  total: ((i * 1997) % 50000) / 100,
}));

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// The whole table body is rebuilt from a string on every change: simple, and the old rows
// have no references left once innerHTML replaces them.
function render(filter) {
  const rows = orders.filter((o) => filter === 'all' || o.status === filter);
  document.getElementById('orders').innerHTML = rows
    .map((o) => `<tr data-id="${o.id}"><td>${o.id}</td><td>${escape(o.customer)}</td><td>${o.status}</td><td>${o.total.toFixed(2)}</td></tr>`)
    .join('');
}

// One delegated listener instead of one per row.
document.getElementById('orders').addEventListener('click', (event) => {
  const row = event.target.closest('tr');
  if (row) row.classList.toggle('selected');
});

const select = document.getElementById('status-filter');
select.addEventListener('change', () => render(select.value));
render('all');
