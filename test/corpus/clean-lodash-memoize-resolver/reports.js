import memoize from '/node_modules/lodash-es/memoize.js';

const RAW = {
  signups: 'week,organic,paid,referral\n' + Array.from({ length: 12 }, (_, i) => `W${i + 1},${120 + i * 7},${40 + i * 3},${9 + (i % 4)}`).join('\n'),
  revenue: 'month,plan,amount,currency\n' + Array.from({ length: 12 }, (_, i) => `M${i + 1},${i % 2 ? 'team' : 'pro'},${1900 + i * 211},EUR`).join('\n'),
};

class ReportTable {
  constructor(name, csv) {
    const [head, ...lines] = csv.split('\n');
    this.name = name;
    this.columns = head.split(',');
    this.rows = lines.map((line) => line.split(','));
  }
}

class ColumnLayout {
  constructor(widths) {
    this.widths = widths;
    this.total = widths.reduce((a, b) => a + b, 0);
  }
}

// Measuring text is slow, so layouts are memoized per report name: the resolver gives
// memoize() a stable key, so the cache holds one layout per report and hits on reopen.
const measureColumns = memoize((table) => {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = '14px sans-serif';
  const widths = table.columns.map((col, i) =>
    Math.ceil(Math.max(ctx.measureText(col).width, ...table.rows.map((r) => ctx.measureText(r[i]).width))) + 12);
  return new ColumnLayout(widths);
}, (table) => table.name);

function renderReport(name) {
  const table = new ReportTable(name, RAW[name]);
  const layout = measureColumns(table);
  const el = document.createElement('table');
  el.className = 'report-table';
  el.innerHTML = `<colgroup>${layout.widths.map((w) => `<col style="width:${w}px">`).join('')}</colgroup>
    <thead><tr>${table.columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead>
    <tbody>${table.rows.map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')}</tbody>`;
  document.getElementById('report-slot').replaceChildren(el);
}

document.querySelector('nav').addEventListener('click', (event) => {
  const name = event.target.dataset.report;
  if (name) renderReport(name);
  else if (event.target.id === 'close-report') document.getElementById('report-slot').replaceChildren();
});
