// Starts a spell-check worker whose findings go to `dialog`.
function startSpellChecker(dialog) {
  const worker = new Worker('spell-worker.js');
  worker.onmessage = (event) => dialog.show(event.data);
  return worker;
}

class SpellCheckDialog {
  constructor(text) {
    this.text = text;
    this.el = document.createElement('div');
    this.el.className = 'spell-dialog';
    this.el.setAttribute('role', 'dialog');
    this.el.innerHTML = '<h2>Spelling</h2><p class="status">Checking…</p><ul class="issues"></ul><button class="done">Done</button>';
    this.el.querySelector('.done').addEventListener('click', () => this.close());
    this.worker = startSpellChecker(this);
  }

  open() {
    document.body.append(this.el);
    this.worker.postMessage(this.text);
  }

  show(issues) {
    this.el.querySelector('.status').textContent = `${issues.length} issue(s)`;
    this.el.querySelector('.issues').replaceChildren(...issues.map(({ word, suggestion }) => {
      const li = document.createElement('li');
      li.textContent = suggestion ? `${word} → ${suggestion}` : word;
      return li;
    }));
    this.el.dataset.checked = 'true';
  }

  close() {
    // BUG: missing this.worker.terminate(): the worker thread keeps running, its Worker
    // object stays alive (it has a message listener), and so does this dialog.
    this.el.remove();
  }
}

document.getElementById('check-spelling').addEventListener('click', () => {
  new SpellCheckDialog(document.getElementById('draft').value).open();
});
