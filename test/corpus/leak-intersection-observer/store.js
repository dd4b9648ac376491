const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';

// Loads product images when they scroll into view.
class LazyImageLoader {
  constructor() {
    this.loaded = 0;
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const img = entry.target;
        img.src = img.dataset.src;
        this.loaded += 1;
        this.observer.unobserve(img);
      }
    }, { rootMargin: '200px' });
  }

  observe(img) {
    this.observer.observe(img);
  }

  disconnect() {
    this.observer.disconnect();
  }
}

class CategoryPage {
  constructor(category) {
    this.category = category;
    this.loader = new LazyImageLoader();
    this.el = document.createElement('div');
    this.el.className = 'product-grid';
    for (let i = 0; i < 40; i++) {
      const img = document.createElement('img');
      img.alt = `${category} ${i + 1}`;
      img.dataset.src = PIXEL;
      this.el.append(img);
    }
  }

  render(parent) {
    parent.replaceChildren(this.el);
    for (const img of this.el.querySelectorAll('img')) this.loader.observe(img);
  }

  destroy() {
    // BUG: never calls this.loader.disconnect(); images below the fold are still observed.
    this.el.remove();
  }
}

let current = null;

document.querySelector('nav').addEventListener('click', (event) => {
  const { category } = event.target.dataset;
  current?.destroy();
  current = null;
  if (category) {
    current = new CategoryPage(category);
    current.render(document.getElementById('page'));
  }
});
