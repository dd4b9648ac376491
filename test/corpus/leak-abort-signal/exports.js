import { sessionSignal } from './app-lifetime.js';

class DownloadTask {
  constructor(name, rows) {
    this.name = name;
    this.rows = rows;
    this.progress = 0;
    this.blobUrl = null;
  }

  async run() {
    const chunks = [];
    for (let i = 0; i < this.rows.length; i += 100) {
      chunks.push(this.rows.slice(i, i + 100).map((r) => `${r.id},${r.amount}`).join('\n'));
      this.progress = Math.min(1, (i + 100) / this.rows.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.blobUrl = URL.createObjectURL(new Blob(chunks, { type: 'text/csv' }));
  }

  cancel() {
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    this.blobUrl = null;
  }
}

async function startExport() {
  const download = new DownloadTask('invoices.csv', Array.from({ length: 300 }, (_, i) => ({ id: i, amount: i * 3 })));
  // BUG: the listener is added for every export and never removed when the export is dismissed.
  sessionSignal.addEventListener('abort', () => download.cancel());

  const card = document.createElement('div');
  card.className = 'download';
  card.textContent = `${download.name}: preparing…`;
  document.getElementById('downloads').append(card);
  await download.run();
  card.innerHTML = `<a href="${download.blobUrl}" download="${download.name}">${download.name}</a>
    <button class="dismiss">Dismiss</button>`;
  card.querySelector('.dismiss').addEventListener('click', () => {
    URL.revokeObjectURL(download.blobUrl);
    card.remove();
  });
}

document.getElementById('export').addEventListener('click', startExport);
