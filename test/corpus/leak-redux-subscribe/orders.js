import { store } from './store.js';

class OrderDetailsPanel {
  constructor(orderId) {
    this.orderId = orderId;
    this.el = document.createElement('section');
    this.el.className = 'order-details';
    this.el.innerHTML = '<h2></h2><p class="customer"></p><p class="status"></p><button class="close">Close</button>';
    this.el.querySelector('.close').addEventListener('click', () => store.dispatch({ type: 'orders/deselect' }));
  }

  mount(parent) {
    parent.replaceChildren(this.el);
    this.render(store.getState());
    // BUG: subscribe() returns the unsubscribe function; it is ignored, so the store
    // calls (and keeps) every panel ever mounted.
    store.subscribe(() => this.render(store.getState()));
  }

  render(state) {
    const order = state.orders[this.orderId];
    this.el.querySelector('h2').textContent = order.id;
    this.el.querySelector('.customer').textContent = order.customer;
    this.el.querySelector('.status').textContent = `${order.status} · €${order.total.toFixed(2)}`;
  }

  unmount() {
    this.el.remove();
  }
}

const list = document.getElementById('orders');
for (const order of Object.values(store.getState().orders)) {
  const li = document.createElement('li');
  li.dataset.order = order.id;
  li.textContent = `${order.id} — ${order.customer}`;
  li.addEventListener('click', () => store.dispatch({ type: 'orders/select', id: order.id }));
  list.append(li);
}

// The shell mounts the details panel for whichever order is selected.
let panel = null;
let shownId = null;
store.subscribe(() => {
  const { selectedId } = store.getState();
  if (selectedId === shownId) return;
  shownId = selectedId;
  panel?.unmount();
  panel = selectedId ? new OrderDetailsPanel(selectedId) : null;
  panel?.mount(document.getElementById('details-slot'));
});
