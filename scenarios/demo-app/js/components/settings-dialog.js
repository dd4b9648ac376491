import { loadSettings, saveSettings } from '../settings-store.js';

class DialogState {
  constructor(settings, dialog) {
    this.initial = { ...settings };
    this.values = { ...settings };
    this.dialog = dialog;
    this.layout = 'wide';
    this.openedAt = new Date();
  }

  update(name, value) {
    this.values[name] = value;
  }

  get dirty() {
    return Object.keys(this.values).some((key) => this.values[key] !== this.initial[key]);
  }
}

export function openSettingsDialog() {
  const dialog = document.createElement('dialog');
  dialog.className = 'settings';
  dialog.innerHTML = `
    <form method="dialog">
      <h2>Settings</h2>
      <label>Display name <input name="displayName" autocomplete="name"></label>
      <label><input type="checkbox" name="emailDigest"> Weekly email digest</label>
      <label>Theme
        <select name="theme"><option value="light">Light</option><option value="dark">Dark</option></select>
      </label>
      <menu>
        <button value="cancel" formnovalidate>Cancel</button>
        <button value="save" class="primary">Save</button>
      </menu>
    </form>`;
  const state = new DialogState(loadSettings(), dialog);
  const form = dialog.querySelector('form');
  form.elements.displayName.value = state.values.displayName;
  form.elements.emailDigest.checked = state.values.emailDigest;
  form.elements.theme.value = state.values.theme;
  form.addEventListener('change', (event) => {
    const field = event.target;
    state.update(field.name, field.type === 'checkbox' ? field.checked : field.value);
  });

  function onResize() {
    state.layout = window.innerWidth < 520 ? 'compact' : 'wide';
    state.dialog.dataset.layout = state.layout;
  }
  onResize();
  // Keep the layout in step with the viewport while the dialog is open.
  window.addEventListener('resize', onResize);

  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'save' && state.dirty) saveSettings(state.values);
    // BUG: the resize listener is never removed, so window keeps onResize, its DialogState
    // and the detached <dialog> for every time the dialog was opened.
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
}
