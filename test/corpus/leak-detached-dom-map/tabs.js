// Rendering a document panel is costly, so panels are cached by document id and reused
// when the user switches back to a tab.
const panelCache = new Map();
let nextDocId = 1;

const tabsEl = document.getElementById('tabs');
const panelsEl = document.getElementById('panels');

function renderPanel(doc) {
  const panel = document.createElement('section');
  panel.className = 'panel';
  panel.innerHTML = `
    <h2 contenteditable="true">${doc.title}</h2>
    <article contenteditable="true"><p>Start writing…</p></article>
    <footer><small>Created ${doc.created.toLocaleTimeString()}</small></footer>`;
  return panel;
}

function getPanel(doc) {
  let panel = panelCache.get(doc.id);
  if (!panel) {
    panel = renderPanel(doc);
    panelCache.set(doc.id, panel);
  }
  return panel;
}

function openDocument(doc) {
  const tab = document.createElement('div');
  tab.className = 'tab';
  tab.setAttribute('role', 'tab');
  tab.dataset.doc = String(doc.id);
  tab.innerHTML = `<span>${doc.title}</span> <button class="close-tab" aria-label="Close">×</button>`;
  tab.querySelector('.close-tab').addEventListener('click', () => closeDocument(doc, tab));
  tabsEl.append(tab);
  panelsEl.replaceChildren(getPanel(doc));
}

function closeDocument(doc, tab) {
  tab.remove();
  // BUG: the cached panel for a closed document is never deleted from panelCache.
  panelsEl.replaceChildren();
}

document.getElementById('new-doc').addEventListener('click', () => {
  const id = nextDocId++;
  openDocument({ id, title: `Untitled ${id}`, created: new Date() });
});
