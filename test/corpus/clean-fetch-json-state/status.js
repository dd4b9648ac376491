class ServiceStatus {
  constructor({ name, status, latencyMs, uptime }) {
    this.name = name;
    this.status = status;
    this.latencyMs = latencyMs;
    this.uptime = uptime;
  }
}

// The latest report replaces the previous one; nothing is accumulated across refreshes.
let state = { services: [], fetchedAt: null };
let refreshes = 0;

async function refresh() {
  const response = await fetch('data.json', { cache: 'no-store' });
  const report = await response.json();
  state = { services: report.services.map((s) => new ServiceStatus(s)), fetchedAt: new Date() };
  render();
}

function render() {
  document.getElementById('services').replaceChildren(...state.services.map((s) => {
    const tr = document.createElement('tr');
    tr.className = s.status;
    tr.innerHTML = `<td>${s.name}</td><td>${s.status}</td><td>${s.latencyMs} ms</td><td>${s.uptime}%</td>`;
    return tr;
  }));
  const updated = document.getElementById('updated');
  updated.textContent = `updated ${state.fetchedAt.toLocaleTimeString()}`;
  updated.dataset.refresh = String(++refreshes);
}

document.getElementById('refresh').addEventListener('click', refresh);
refresh();
