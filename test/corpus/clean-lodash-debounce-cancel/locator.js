import debounce from '/node_modules/lodash-es/debounce.js';
import throttle from '/node_modules/lodash-es/throttle.js';

class StoreMapPanel {
  constructor(stores) {
    this.stores = stores;
    this.zoom = Number(sessionStorage.getItem('map:zoom') ?? 12);
    this.el = document.createElement('section');
    this.el.className = 'map-panel';
    this.el.innerHTML = `
      <div class="map"></div>
      <p><button class="zoom-in">+</button> <button class="zoom-out">−</button>
      <span class="zoom-level"></span> <button class="close-map">Close</button></p>`;
    // Re-created per panel: each wrapper has its own pending timer, cancelled in close().
    this.relayout = throttle(() => this.layout(), 100);
    this.saveZoom = debounce(() => sessionStorage.setItem('map:zoom', String(this.zoom)), 500);
    this.el.querySelector('.zoom-in').addEventListener('click', () => this.setZoom(this.zoom + 1));
    this.el.querySelector('.zoom-out').addEventListener('click', () => this.setZoom(this.zoom - 1));
    this.el.querySelector('.close-map').addEventListener('click', () => this.close());
  }

  open(slot) {
    slot.replaceChildren(this.el);
    window.addEventListener('resize', this.relayout);
    this.layout();
  }

  layout() {
    this.el.querySelector('.zoom-level').textContent = `zoom ${this.zoom}, ${this.stores.length} stores, ${this.el.clientWidth}px`;
  }

  setZoom(zoom) {
    this.zoom = Math.max(3, Math.min(18, zoom));
    this.layout();
    this.saveZoom();
  }

  close() {
    window.removeEventListener('resize', this.relayout);
    this.relayout.cancel();
    this.saveZoom.cancel();
    this.el.remove();
  }
}

const stores = [
  { city: 'Leipzig', street: 'Karl-Liebknecht-Str. 12' },
  { city: 'Dresden', street: 'Königsbrücker Str. 40' },
  { city: 'Halle', street: 'Große Ulrichstr. 3' },
];

document.getElementById('open-map').addEventListener('click', () => {
  new StoreMapPanel(stores).open(document.getElementById('map-slot'));
});
