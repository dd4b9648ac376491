// The classic "unused closure" leak (Meteor's theThing / originalThing): closures created in
// one scope share a single context object, so a closure that is never called still keeps
// every variable that any sibling closure uses.

class ReportSnapshot {
  constructor(rows, onExport) {
    this.rows = rows;
    this.total = rows.reduce((sum, row) => sum + row.amount, 0);
    this.createdAt = new Date();
    this.onExport = onExport;
  }
}

let theThing = null;

function loadRows() {
  return Array.from({ length: 500 }, (_, i) => ({ region: `R${i % 12}`, amount: (i * 37) % 1000 }));
}

function replaceThing() {
  const originalThing = theThing;
  // Leftover debug helper; it is never called, but it captures originalThing.
  const unused = function () {
    if (originalThing) console.log('previous total', originalThing.total);
  };
  const exportName = `sales-${Date.now()}.csv`;
  theThing = new ReportSnapshot(loadRows(), function exportCsv() {
    return { name: exportName, rows: theThing.rows.length };
  });
  document.getElementById('summary').textContent = `Total: ${theThing.total}`;
}

document.getElementById('refresh').addEventListener('click', replaceThing);
