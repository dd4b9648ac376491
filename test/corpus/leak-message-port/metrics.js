// Batches DOM writes into one macrotask, the way many view libraries schedule work:
// a MessageChannel message runs sooner than setTimeout(0) and is not throttled.
class RenderScheduler {
  constructor(flush) {
    this.pending = false;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      this.pending = false;
      flush();
    };
    this.port = channel.port2;
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    this.port.postMessage(null);
  }
}

class LatencyPanel {
  constructor() {
    this.samples = Array.from({ length: 20 }, (_, i) => 40 + ((i * 17) % 60));
    this.el = document.createElement('section');
    this.el.className = 'metric-panel';
    const panel = this;
    this.scheduler = new RenderScheduler(() => panel.render());
  }

  mount(parent) {
    parent.replaceChildren(this.el);
    this.scheduler.schedule();
  }

  render() {
    this.el.innerHTML = '<h2>p95 latency</h2>' +
      this.samples.map((ms) => `<div class="bar" style="width:${ms * 2}px" title="${ms} ms"></div>`).join('');
  }

  unmount() {
    // BUG: the scheduler's MessagePort is never closed; a started, entangled port stays alive
    // and keeps its onmessage handler, the scheduler and the panel.
    this.el.remove();
  }
}

let panel = null;
document.getElementById('open-panel').addEventListener('click', () => {
  panel?.unmount();
  panel = new LatencyPanel();
  panel.mount(document.getElementById('panel-slot'));
});
document.getElementById('close-panel').addEventListener('click', () => {
  panel?.unmount();
  panel = null;
});
