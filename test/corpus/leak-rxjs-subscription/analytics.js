const { fromEvent, merge, of } = rxjs;
const { debounceTime, map, startWith } = rxjs;

const visits = Array.from({ length: 48 }, (_, i) => 200 + Math.round(120 * Math.sin(i / 5)) + (i % 7) * 9);

// Redraws a chart at its own width whenever the window is resized; returns the Subscription.
function redrawOnResize(chart) {
  return fromEvent(window, 'resize')
    .pipe(debounceTime(100), map(() => chart.el.clientWidth), startWith(chart.el.clientWidth))
    .subscribe((width) => chart.draw(width));
}

class TrafficChart {
  constructor(series) {
    this.series = series;
    this.el = document.createElement('section');
    this.el.className = 'traffic';
    this.el.innerHTML = '<h2>Visits, last 48 hours</h2><canvas></canvas>';
    this.canvas = this.el.querySelector('canvas');
  }

  mount(outlet) {
    outlet.replaceChildren(this.el);
    // BUG: the Subscription is dropped; destroy() can never unsubscribe, so the window
    // resize listener fromEvent() added keeps this chart alive after it is gone.
    redrawOnResize(this);
  }

  draw(width) {
    this.canvas.width = width;
    this.canvas.height = 160;
    const ctx = this.canvas.getContext('2d');
    const max = Math.max(...this.series);
    ctx.clearRect(0, 0, width, 160);
    ctx.beginPath();
    this.series.forEach((v, i) => {
      const x = (i / (this.series.length - 1)) * width;
      const y = 160 - (v / max) * 150;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }

  destroy() {
    this.el.remove();
  }
}

const outlet = document.getElementById('outlet');
let current = null;

document.getElementById('show-traffic').addEventListener('click', () => {
  current?.destroy();
  current = new TrafficChart(visits);
  current.mount(outlet);
});

document.getElementById('show-overview').addEventListener('click', () => {
  current?.destroy();
  current = null;
  outlet.innerHTML = '<p class="overview">Welcome back.</p>';
});
