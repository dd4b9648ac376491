class PreferencesStore {
  constructor() {
    this.values = { theme: 'light', density: 'comfortable', notifications: true };
    this.loadedAt = new Date();
  }

  get(key) {
    return this.values[key];
  }

  set(key, value) {
    this.values[key] = value;
  }
}

// Created on first use (the dialog may never be opened), then reused for the page's life.
let store = null;

function getPreferences() {
  store ??= new PreferencesStore();
  return store;
}

function openPreferences() {
  const prefs = getPreferences();
  const dialog = document.createElement('dialog');
  dialog.className = 'prefs';
  dialog.innerHTML = `
    <form method="dialog">
      <label><input type="radio" name="theme" value="light"> Light</label>
      <label><input type="radio" name="theme" value="dark"> Dark</label>
      <button value="done">Done</button>
    </form>`;
  dialog.querySelector(`[value="${prefs.get('theme')}"]`).checked = true;
  dialog.addEventListener('change', (event) => prefs.set('theme', event.target.value));
  dialog.addEventListener('close', () => {
    document.getElementById('theme-label').textContent = `Theme: ${prefs.get('theme')}`;
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
}

document.getElementById('open-prefs').addEventListener('click', openPreferences);
