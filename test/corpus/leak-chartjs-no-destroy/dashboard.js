const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const revenue = MONTHS.map((_, i) => 120 + ((i * 37) % 90));

class RevenueDialog {
  constructor(labels, values, onPick) {
    this.labels = labels;
    this.values = values;
    this.onPick = onPick;
    this.el = document.createElement('div');
    this.el.className = 'dialog revenue';
    this.el.innerHTML = '<h2>Revenue by month</h2><div class="chart-box"><canvas></canvas></div><button class="close">Close</button>';
    this.el.querySelector('.close').addEventListener('click', () => this.close());
  }

  open() {
    document.body.append(this.el);
    this.chart = new Chart(this.el.querySelector('canvas'), {
      type: 'bar',
      data: { labels: this.labels, datasets: [{ label: 'Revenue (k$)', data: this.values, backgroundColor: '#4e79a7' }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        onClick: (event, elements) => {
          if (elements.length) this.onPick(this.labels[elements[0].index]);
        },
      },
    });
  }

  close() {
    // BUG: the chart is never destroy()ed; Chart.js keeps every live chart in Chart.instances,
    // so each closed dialog stays reachable through its onClick callback.
    this.el.remove();
  }
}

document.getElementById('open-revenue').addEventListener('click', () => {
  const dialog = new RevenueDialog(MONTHS, revenue, (month) => {
    document.getElementById('selection').textContent = `Selected: ${month}`;
  });
  dialog.open();
});
