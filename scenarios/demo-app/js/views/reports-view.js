import { metricsFeed, recentSamples } from '../metrics-feed.js';

// A fixed-size ring buffer of samples for one line of the chart.
class ChartSeries {
  constructor(key, label, color, capacity = 60) {
    this.key = key;
    this.label = label;
    this.color = color;
    this.values = new Float64Array(capacity);
    this.start = 0;
    this.length = 0;
  }

  push(value) {
    const capacity = this.values.length;
    this.values[(this.start + this.length) % capacity] = value;
    if (this.length < capacity) this.length += 1;
    else this.start = (this.start + 1) % capacity;
  }

  at(i) {
    return this.values[(this.start + i) % this.values.length];
  }
}

class ChartWidget {
  constructor(title, series) {
    this.title = title;
    this.series = series;
    this.el = document.createElement('section');
    this.el.className = 'chart-widget';
    this.el.innerHTML = `<h2>${title}</h2><canvas width="600" height="200"></canvas>
      <div class="legend">${series.map((s) => `<span><i style="background:${s.color}"></i>${s.label}</span>`).join('')}</div>`;
    this.canvas = this.el.querySelector('canvas');
  }

  onSample = (sample) => {
    for (const s of this.series) s.push(sample[s.key]);
    this.draw();
  };

  mount(parent) {
    parent.append(this.el);
    this.draw();
    // BUG: the unsubscribe function returned by on() is dropped, so unmount() cannot call it.
    metricsFeed.on('sample', this.onSample);
  }

  draw() {
    const ctx = this.canvas.getContext('2d');
    const { width, height } = this.canvas;
    ctx.clearRect(0, 0, width, height);
    const max = 10;
    for (const s of this.series) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let i = 0; i < s.length; i++) {
        const x = (i / (s.values.length - 1)) * width;
        const y = height - (s.at(i) / max) * height;
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
  }

  unmount() {
    this.el.remove();
  }
}

export class ReportsView {
  mount(outlet) {
    this.el = document.createElement('section');
    this.el.className = 'reports-view';
    this.el.innerHTML = '<h1>Reports</h1>';
    this.chart = new ChartWidget('Pull requests (live)', [
      new ChartSeries('opened', 'Opened', '#3b5bdb'),
      new ChartSeries('merged', 'Merged', '#2f9e44'),
    ]);
    for (const sample of recentSamples(60)) this.chart.onSample(sample);
    outlet.replaceChildren(this.el);
    this.chart.mount(this.el);
  }

  unmount() {
    this.chart.unmount();
    this.el.remove();
  }
}
