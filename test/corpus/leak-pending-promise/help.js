// Resolves when the support chat widget has loaded. The widget is only loaded for
// signed-in customers, so for visitors this promise never settles.
const chatWidgetReady = new Promise((resolve) => {
  window.addEventListener('chat-widget-loaded', () => resolve(), { once: true });
});

const articles = {
  billing: 'You are billed monthly for each active seat…',
  sso: 'Go to Settings → Security and choose your identity provider…',
};

class ArticleView {
  constructor(id) {
    this.id = id;
    this.openedAt = performance.now();
    this.el = document.createElement('article');
    this.el.className = 'article';
    this.el.innerHTML = `<h2>${id}</h2><p>${articles[id]}</p>
      <button class="ask" hidden>Still stuck? Chat with us</button>
      <button class="close-article">Close</button>`;
    this.el.querySelector('.close-article').addEventListener('click', () => this.el.remove());
  }

  mount(parent) {
    parent.replaceChildren(this.el);
    // BUG: a reaction on a promise that never settles keeps `view` (and its DOM) forever.
    const view = this;
    chatWidgetReady.then(() => {
      view.el.querySelector('.ask').hidden = false;
    });
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('.article-link');
  if (!link) return;
  event.preventDefault();
  new ArticleView(link.dataset.article).mount(document.getElementById('reader'));
});
