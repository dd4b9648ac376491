// Prices are simulated so the page works offline.
function quote(symbol, previous) {
  const drift = (Math.sin(Date.now() / 1000 + symbol.length) / 100) * previous;
  return Math.max(1, previous + drift);
}

class TickerWidget {
  constructor(symbol) {
    this.symbol = symbol;
    this.price = 100;
    this.history = new Float64Array(256);
    this.el = document.createElement('div');
    this.el.className = 'ticker';
    this.el.innerHTML = `<span class="symbol">${symbol}</span> <span class="price"></span>
      <button class="close">×</button>`;
    this.priceEl = this.el.querySelector('.price');
    this.el.querySelector('.close').addEventListener('click', () => this.unmount());
  }

  mount(parent) {
    parent.replaceChildren(this.el);
    this.refresh();
    const widget = this;
    this.intervalId = setInterval(function pollQuote() {
      widget.refresh();
    }, 1000);
    // Flash the price briefly after each open; the timeout is cleared too if closed early.
    this.el.classList.add('flash');
    this.flashTimeout = setTimeout(() => this.el.classList.remove('flash'), 5000);
  }

  refresh() {
    this.price = quote(this.symbol, this.price);
    this.history.copyWithin(0, 1);
    this.history[this.history.length - 1] = this.price;
    this.priceEl.textContent = this.price.toFixed(2);
  }

  unmount() {
    clearInterval(this.intervalId);
    clearTimeout(this.flashTimeout);
    this.el.remove();
  }
}

document.getElementById('watchlist').addEventListener('click', (event) => {
  const button = event.target.closest('.show-ticker');
  if (button) new TickerWidget(button.dataset.symbol).mount(document.getElementById('widget-slot'));
});
