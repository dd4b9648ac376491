let nextTaskId = 1;

class UploadTask {
  constructor(file) {
    this.id = nextTaskId++;
    this.file = file;
    this.loaded = 0;
    this.chunks = [];
    this.state = 'pending';
  }
}

// Lets the header show a spinner while anything is uploading, and warns on unload.
const activeUploads = new Set();

function renderBusy() {
  document.getElementById('busy').textContent = activeUploads.size ? 'Uploading…' : '';
}

function startUpload(file) {
  const task = new UploadTask(file);
  activeUploads.add(task);
  renderBusy();

  const row = document.createElement('div');
  row.className = 'upload-row';
  row.innerHTML = `<span>${file.name}</span><progress max="${file.size}" value="0"></progress>
    <button class="dismiss" hidden>Dismiss</button>`;
  document.getElementById('queue').append(row);
  const progress = row.querySelector('progress');
  const dismiss = row.querySelector('.dismiss');
  dismiss.addEventListener('click', () => row.remove());

  // Simulated transfer in three chunks.
  let step = 0;
  const sendNext = () => {
    step += 1;
    task.loaded = Math.min(file.size, (file.size / 3) * step);
    task.chunks.push({ offset: task.loaded, at: performance.now() });
    progress.value = task.loaded;
    if (step < 3) {
      setTimeout(sendNext, 10);
    } else {
      task.state = 'done';
      // BUG: deletes by id, but the set holds task objects, so nothing is removed.
      activeUploads.delete(task.id);
      renderBusy();
      dismiss.hidden = false;
    }
  };
  setTimeout(sendNext, 10);
}

document.getElementById('upload').addEventListener('click', () => {
  startUpload(new File(['id,name\n1,Ada\n2,Lin\n'], 'sample.csv', { type: 'text/csv' }));
});
window.addEventListener('beforeunload', (event) => {
  if (activeUploads.size) event.preventDefault();
});
