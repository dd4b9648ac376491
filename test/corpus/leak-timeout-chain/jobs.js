const STATES = ['queued', 'running', 'running', 'running', 'passed'];

// Stands in for GET /api/jobs/:id; the demo has no backend.
function fetchJobStatus(jobId, attempt) {
  return Promise.resolve({ id: jobId, state: STATES[Math.min(attempt, STATES.length - 1)] });
}

class JobStatusPoller {
  constructor(jobId, onStatus) {
    this.jobId = jobId;
    this.onStatus = onStatus;
    this.attempt = 0;
    this.stopped = false;
  }

  start() {
    const poller = this;
    // Re-arms itself after every response, even once the job has finished.
    function tick() {
      fetchJobStatus(poller.jobId, poller.attempt++).then((status) => {
        poller.onStatus(status);
        if (!poller.stopped) setTimeout(tick, 200);
      });
    }
    tick();
  }

  stop() {
    this.stopped = true;
  }
}

class JobDrawer {
  constructor(jobId) {
    this.el = document.createElement('section');
    this.el.className = 'job-drawer';
    this.el.innerHTML = `<h2>Job #${jobId}</h2><p>Status: <span class="status">…</span></p>
      <button class="close">Close</button>`;
    const statusEl = this.el.querySelector('.status');
    this.poller = new JobStatusPoller(jobId, (status) => (statusEl.textContent = status.state));
    this.el.querySelector('.close').addEventListener('click', () => this.close());
  }

  open(parent) {
    parent.replaceChildren(this.el);
    this.poller.start();
  }

  close() {
    // BUG: forgets this.poller.stop(), so the timeout chain runs forever.
    this.el.remove();
  }
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('.details');
  if (button) new JobDrawer(button.dataset.job).open(document.getElementById('drawer'));
});
