const cpu = Array.from({ length: 60 }, (_, i) => 40 + 25 * Math.sin(i / 6) + (i % 5) * 3);
let nextId = 1;

class SparklineWidget {
  constructor(title, series) {
    this.id = `spark${nextId++}`;
    this.series = series;
    this.root = d3.create('section').attr('class', 'sparkline');
    this.root.append('h2').text(title);
    this.svg = this.root.append('svg');
    this.path = this.svg.append('path').attr('fill', 'none').attr('stroke', 'steelblue');
  }

  mount(outlet) {
    outlet.replaceChildren(this.root.node());
    this.render();
    // BUG: the namespaced window listener is never removed (no .on(`resize.${id}`, null)),
    // so d3 keeps this widget in window.__on after it leaves the page.
    d3.select(window).on(`resize.${this.id}`, () => this.render());
  }

  render() {
    const width = this.svg.node().clientWidth || 600;
    const x = d3.scaleLinear().domain([0, this.series.length - 1]).range([0, width]);
    const y = d3.scaleLinear().domain([0, 100]).range([78, 2]);
    this.path.attr('d', d3.line((d, i) => x(i), (d) => y(d))(this.series));
  }

  destroy() {
    this.root.remove();
  }
}

const outlet = document.getElementById('outlet');
let widget = null;

document.getElementById('show-cpu').addEventListener('click', () => {
  widget?.destroy();
  widget = new SparklineWidget('CPU, last hour', cpu);
  widget.mount(outlet);
});

document.getElementById('show-home').addEventListener('click', () => {
  widget?.destroy();
  widget = null;
  outlet.innerHTML = '<p>Pick a metric.</p>';
});
