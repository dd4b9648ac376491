const doc = document.getElementById('doc');
const page = document.getElementById('page');

// Lists the document's headings, highlights the ones on screen, follows edits and width.
class OutlinePanel {
  constructor() {
    this.el = document.createElement('nav');
    this.el.className = 'outline';
    this.visible = new Set();
    this.compact = false;
    const outline = this;
    this.mutations = new MutationObserver(() => outline.render());
    this.intersections = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) outline.visible.add(entry.target.id);
        else outline.visible.delete(entry.target.id);
      }
      outline.render();
    });
    this.resizes = new ResizeObserver((entries) => {
      outline.compact = entries[0].contentRect.width < 500;
    });
  }

  mount(parent) {
    parent.replaceChildren(this.el);
    this.mutations.observe(doc, { childList: true, subtree: true, characterData: true });
    for (const heading of doc.querySelectorAll('h2')) this.intersections.observe(heading);
    this.resizes.observe(page);
    this.render();
  }

  render() {
    this.el.innerHTML = [...doc.querySelectorAll('h2')]
      .map((h) => `<div class="${this.visible.has(h.id) ? 'visible' : ''}">${h.textContent}</div>`)
      .join('');
  }

  unmount() {
    this.mutations.disconnect();
    this.intersections.disconnect();
    this.resizes.disconnect();
    this.el.remove();
  }
}

let outline = null;
document.getElementById('toggle-outline').addEventListener('click', () => {
  if (outline) {
    outline.unmount();
    outline = null;
  } else {
    outline = new OutlinePanel();
    outline.mount(document.getElementById('outline-slot'));
  }
});
