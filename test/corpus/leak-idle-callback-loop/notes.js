const notes = {
  groceries: 'oat milk\nrye bread\nlemons',
  ideas: 'Why our CI takes 40 minutes\nA year of on-call',
};

// Saves the draft whenever the browser is idle, so typing never waits on storage.
class DraftAutosaver {
  constructor(noteId, textarea) {
    this.noteId = noteId;
    this.textarea = textarea;
    this.lastSaved = textarea.value;
    this.idleHandle = 0;
  }

  start() {
    saveWhenIdle(this);
  }

  stop() {
    cancelIdleCallback(this.idleHandle);
  }
}

// One idle-time loop per open editor: saves when the text changed, then waits for the next
// idle period.
function saveWhenIdle(autosaver) {
  const save = (deadline) => {
    if (deadline.timeRemaining() > 1 && autosaver.textarea.value !== autosaver.lastSaved) {
      autosaver.lastSaved = autosaver.textarea.value;
      localStorage.setItem(`draft:${autosaver.noteId}`, autosaver.lastSaved);
    }
    autosaver.idleHandle = requestIdleCallback(save, { timeout: 1000 });
  };
  autosaver.idleHandle = requestIdleCallback(save, { timeout: 1000 });
}

class NoteEditor {
  constructor(noteId) {
    this.noteId = noteId;
    this.el = document.createElement('section');
    this.el.className = 'note-editor';
    this.el.innerHTML = `<h2>${noteId}</h2><textarea></textarea><button class="close-note">Close</button>`;
    this.el.querySelector('textarea').value = localStorage.getItem(`draft:${noteId}`) ?? notes[noteId];
    this.el.querySelector('.close-note').addEventListener('click', () => this.close());
    this.autosaver = new DraftAutosaver(noteId, this.el.querySelector('textarea'));
  }

  open(slot) {
    slot.replaceChildren(this.el);
    this.autosaver.start();
  }

  close() {
    // BUG: never calls this.autosaver.stop(); the idle loop re-schedules itself forever
    // and keeps the closed editor's autosaver and textarea alive.
    this.el.remove();
  }
}

document.getElementById('notes').addEventListener('click', (event) => {
  const id = event.target.dataset.note;
  if (id) new NoteEditor(id).open(document.getElementById('editor-slot'));
});
