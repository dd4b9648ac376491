import { LitElement, html, css } from 'lit';
import { cartStore } from './store.js';

class CartSummary extends LitElement {
  static styles = css`:host { display: block; border: 1px solid #ccc; padding: 8px; }`;

  connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = cartStore.subscribe(() => this.requestUpdate());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  render() {
    const { items } = cartStore.getState();
    return html`<h2>Your cart</h2><p class="count">${items.length} item(s)</p>`;
  }
}
customElements.define('cart-summary', CartSummary);

const outlet = document.getElementById('outlet');
document.getElementById('show-cart').addEventListener('click', () => {
  outlet.replaceChildren(document.createElement('cart-summary'));
});
document.getElementById('show-catalog').addEventListener('click', () => {
  outlet.innerHTML = '<p class="catalog">Catalog</p>';
});
document.getElementById('add-item').addEventListener('click', () => {
  cartStore.setState({ items: [...cartStore.getState().items, { sku: 'A-1' }] });
});
