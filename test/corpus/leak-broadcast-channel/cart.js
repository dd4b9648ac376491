const cart = JSON.parse(sessionStorage.getItem('cart') ?? '[{"sku":"TEE-M","qty":2},{"sku":"MUG","qty":1}]');

// Keeps every open tab's drawer in sync when the cart changes elsewhere.
function listenForCartChanges(drawer) {
  const channel = new BroadcastChannel('cart-sync');
  channel.onmessage = (event) => drawer.update(event.data.items);
  return channel;
}

class CartDrawer {
  constructor(items) {
    this.items = items;
    this.el = document.createElement('aside');
    this.el.className = 'cart-drawer';
    this.render();
    this.el.addEventListener('click', (event) => {
      if (event.target.matches('.close-cart')) this.close();
    });
    this.channel = listenForCartChanges(this);
  }

  update(items) {
    this.items = items;
    this.render();
  }

  render() {
    this.el.innerHTML = `<h2>Your cart</h2>
      <ul>${this.items.map((item) => `<li>${item.sku} × ${item.qty}</li>`).join('')}</ul>
      <button class="close-cart">Close</button>`;
  }

  open() {
    document.body.append(this.el);
  }

  close() {
    // BUG: forgets this.channel.close(); an open channel keeps its handler and drawer alive.
    this.el.remove();
  }
}

document.getElementById('open-cart').addEventListener('click', () => new CartDrawer(cart).open());
