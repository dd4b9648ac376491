// Hash router: each route is a view class with mount(outlet) and unmount().
export class Router {
  constructor(outlet, routes, fallback) {
    this.outlet = outlet;
    this.routes = routes;
    this.fallback = fallback;
    this.current = null;
  }

  start() {
    window.addEventListener('hashchange', () => this.render());
    this.render();
  }

  render() {
    const name = location.hash.replace(/^#\/?/, '').split('/')[0] || this.fallback;
    const View = this.routes[name] ?? this.routes[this.fallback];
    this.current?.unmount();
    this.current = new View();
    this.current.mount(this.outlet);
    for (const link of document.querySelectorAll('[data-route]')) {
      link.classList.toggle('active', link.dataset.route === name);
    }
  }
}
