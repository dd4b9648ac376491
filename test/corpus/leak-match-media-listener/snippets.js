const SNIPPETS = {
  'fetch-retry': `async function fetchWithRetry(url, tries = 3) {
  for (let i = 0; i < tries; i++) {
    try { return await fetch(url); } catch (e) { if (i === tries - 1) throw e; }
  }
}`,
};

// Keeps a viewer's colours in step with the OS theme.
function followColorScheme(viewer) {
  const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
  viewer.applyTheme(darkScheme.matches);
  // BUG: never removed; a MediaQueryList with a change listener stays alive for the
  // document's lifetime, and so does every viewer it points at.
  darkScheme.addEventListener('change', (event) => viewer.applyTheme(event.matches));
}

class SnippetViewer {
  constructor(id, source) {
    this.id = id;
    this.lines = source.split('\n');
    this.el = document.createElement('figure');
    this.el.className = 'snippet';
    this.el.innerHTML = `<figcaption>${id}</figcaption><pre></pre>`;
    this.el.querySelector('pre').textContent = source;
  }

  mount(parent) {
    parent.replaceChildren(this.el);
    followColorScheme(this);
  }

  applyTheme(dark) {
    this.el.classList.toggle('dark', dark);
    this.el.classList.toggle('light', !dark);
  }

  unmount() {
    this.el.remove();
  }
}

const viewer = document.getElementById('viewer');
let current = null;

document.querySelector('nav').addEventListener('click', (event) => {
  const id = event.target.dataset.id;
  if (id) {
    current?.unmount();
    current = new SnippetViewer(id, SNIPPETS[id]);
    current.mount(viewer);
  } else if (event.target.id === 'close-snippet') {
    current?.unmount();
    current = null;
  }
});
