class Transaction {
  constructor(date, account, category, amount) {
    this.date = date;
    this.account = account;
    this.category = category;
    this.amount = amount;
  }
}

const CATEGORIES = ['rent', 'payroll', 'travel', 'software', 'hardware', 'meals'];

function generateCsv(rows) {
  const lines = ['date,account,category,amount'];
  for (let i = 0; i < rows; i++) {
    lines.push(`2026-03-${String((i % 28) + 1).padStart(2, '0')},ACC-${i % 40},${CATEGORIES[i % 6]},${((i * 7919) % 100000) / 100}`);
  }
  return lines.join('\n');
}

function parseCsv(text) {
  return text.split('\n').slice(1).map((line) => {
    const [date, account, category, amount] = line.split(',');
    return new Transaction(date, account, category, Number(amount));
  });
}

// Parses 50k rows into objects, aggregates them, and keeps only the small summary.
function analyze() {
  const transactions = parseCsv(generateCsv(50_000));
  const byCategory = new Map();
  for (const t of transactions) byCategory.set(t.category, (byCategory.get(t.category) ?? 0) + t.amount);
  const largest = transactions.reduce((a, b) => (b.amount > a.amount ? b : a));
  return {
    count: transactions.length,
    totals: Object.fromEntries([...byCategory].map(([k, v]) => [k, v.toFixed(2)])),
    largest: `${largest.date} ${largest.account} ${largest.amount}`,
  };
}

let lastSummary = null;

document.getElementById('analyze').addEventListener('click', () => {
  lastSummary = analyze();
  document.getElementById('summary').textContent = JSON.stringify(lastSummary, null, 2);
});
