// App-wide events, as in many apps: one mitt emitter shared by every component.
const events = mitt();

const products = [
  { sku: 'TENT-2P', name: 'Two-person tent', price: 249 },
  { sku: 'BAG-0C', name: 'Sleeping bag 0°C', price: 129 },
  { sku: 'STOVE-M', name: 'Micro stove', price: 59 },
];
const cart = [];

class QuickViewDrawer {
  constructor(product) {
    this.product = product;
    this.el = document.createElement('aside');
    this.el.className = 'quick-view';
    this.el.innerHTML = `
      <h2>${product.name}</h2>
      <p>$${product.price}</p>
      <p class="in-cart"></p>
      <button class="add">Add to cart</button>
      <button class="close">Close</button>`;
    this.el.querySelector('.add').addEventListener('click', () => addToCart(product));
    this.el.querySelector('.close').addEventListener('click', () => this.close());
    this.onCartChanged = this.onCartChanged.bind(this);
  }

  open() {
    document.body.append(this.el);
    events.on('cart:changed', this.onCartChanged);
    this.onCartChanged(cart);
  }

  onCartChanged(items) {
    const n = items.filter((item) => item.sku === this.product.sku).length;
    this.el.querySelector('.in-cart').textContent = n ? `${n} in your cart` : '';
  }

  close() {
    events.off('cart:changed', this.onCartChanged);
    this.el.remove();
  }
}

function addToCart(product) {
  cart.push({ sku: product.sku, addedAt: Date.now() });
  if (cart.length > 20) cart.shift();
  events.emit('cart:changed', cart);
}

events.on('cart:changed', (items) => {
  document.getElementById('cart-count').textContent = String(items.length);
});

const list = document.getElementById('products');
for (const product of products) {
  const card = document.createElement('div');
  card.className = 'product';
  card.innerHTML = `<strong>${product.name}</strong> <button class="quick" data-sku="${product.sku}">Quick view</button>`;
  card.querySelector('.quick').addEventListener('click', () => new QuickViewDrawer(product).open());
  list.append(card);
}
