const STORES = [
  { name: 'Downtown', at: [48.8566, 2.3522] },
  { name: 'Riverside', at: [48.8625, 2.3361] },
  { name: 'North Park', at: [48.8799, 2.3553] },
];

class StoreLocatorModal {
  constructor(stores, onPick) {
    this.stores = stores;
    this.onPick = onPick;
    this.el = document.createElement('div');
    this.el.className = 'modal store-locator';
    this.el.innerHTML = '<h2>Pick a store</h2><div class="map"></div><button class="close">Close</button>';
    this.el.querySelector('.close').addEventListener('click', () => this.close());
  }

  open() {
    document.body.append(this.el);
    this.map = L.map(this.el.querySelector('.map')).setView([48.866, 2.348], 13);
    for (const store of this.stores) {
      L.circleMarker(store.at, { radius: 8 }).addTo(this.map).bindTooltip(store.name);
    }
    this.map.on('click', (event) => this.pickNearest(event.latlng));
  }

  pickNearest(latlng) {
    const nearest = this.stores.reduce((a, b) => (latlng.distanceTo(a.at) < latlng.distanceTo(b.at) ? a : b));
    this.onPick(nearest);
  }

  close() {
    // BUG: this.map.remove() is never called; the map's window resize listener keeps the
    // map, and through its click handler this modal, alive.
    this.el.remove();
  }
}

document.getElementById('find-store').addEventListener('click', () => {
  const modal = new StoreLocatorModal(STORES, (store) => {
    document.getElementById('picked').textContent = `Your store: ${store.name}`;
  });
  modal.open();
});
