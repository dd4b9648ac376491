import { Router } from './router.js';

class HomeView {
  mount(outlet) {
    this.el = document.createElement('section');
    this.el.className = 'view home';
    this.el.innerHTML = '<h1>Welcome back, Mira</h1><p>You have 3 unread messages.</p>';
    outlet.replaceChildren(this.el);
  }

  unmount() {
    this.el.remove();
  }
}

class SettingsView {
  constructor() {
    this.settings = { email: 'mira@example.com', digest: 'weekly' };
    this.listeners = new AbortController();
  }

  mount(outlet) {
    this.el = document.createElement('section');
    this.el.className = 'view settings';
    this.el.innerHTML = `
      <h1>Settings</h1>
      <label>Email <input name="email" value="${this.settings.email}"></label>
      <label>Digest <select name="digest"><option>daily</option><option selected>weekly</option></select></label>`;
    outlet.replaceChildren(this.el);
    // Warn about unsaved changes while this view is open; abort() in unmount removes it.
    window.addEventListener('beforeunload', (event) => {
      if (this.dirty) event.preventDefault();
    }, { signal: this.listeners.signal });
    this.el.addEventListener('input', () => { this.dirty = true; });
  }

  unmount() {
    this.listeners.abort();
    this.el.remove();
  }
}

const router = new Router(document.getElementById('outlet'), { '/': HomeView, '/settings': SettingsView });
router.render(location.pathname);
