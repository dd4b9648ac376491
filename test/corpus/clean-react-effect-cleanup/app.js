const { createElement: h, useState, useEffect } = React;

class PriceHistory {
  constructor(symbol, first) {
    this.symbol = symbol;
    this.points = [first];
  }

  add(price) {
    this.points.push(price);
    if (this.points.length > 100) this.points.shift();
  }
}

function PriceTicker({ symbol }) {
  const [price, setPrice] = useState(() => priceStore.getState()[symbol]);
  const [history] = useState(() => new PriceHistory(symbol, price));

  useEffect(() => {
    // The returned unsubscribe is the effect's cleanup, run on unmount.
    return priceStore.subscribe((state) => {
      history.add(state[symbol]);
      setPrice(state[symbol]);
    });
  }, [symbol, history]);

  return h('div', { className: 'ticker' },
    h('span', null, symbol, ' '),
    h('span', { className: 'price' }, price.toFixed(2)),
    h('small', null, ` (${history.points.length} ticks)`));
}

function App() {
  const [showTicker, setShowTicker] = useState(false);
  return h('main', null,
    h('button', { id: 'toggle-ticker', onClick: () => setShowTicker((v) => !v) }, showTicker ? 'Hide ticker' : 'Show ticker'),
    showTicker && h(PriceTicker, { symbol: 'ACME' }));
}

ReactDOM.createRoot(document.getElementById('root')).render(h(App));
