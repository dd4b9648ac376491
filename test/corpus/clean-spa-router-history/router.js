// A tiny history-API router: one popstate listener for the app's lifetime, one live view.
export class Router {
  constructor(outlet, routes) {
    this.outlet = outlet;
    this.routes = routes;
    this.view = null;
    window.addEventListener('popstate', () => this.render(location.pathname));
    document.addEventListener('click', (event) => {
      const link = event.target.closest('a[data-link]');
      if (!link || event.metaKey || event.ctrlKey) return;
      event.preventDefault();
      this.navigate(new URL(link.href).pathname);
    });
  }

  navigate(path) {
    if (path === location.pathname) return;
    history.pushState({ path }, '', path);
    this.render(path);
  }

  render(path) {
    this.view?.unmount();
    const View = this.routes[path] ?? this.routes['/'];
    this.view = new View();
    this.view.mount(this.outlet);
  }
}
