// A minimal external store in the style of Redux/Zustand: listeners are called on every change.
function createPriceStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    getState: () => state,
    setState(next) {
      state = { ...state, ...next };
      for (const listener of listeners) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

window.priceStore = createPriceStore({ ACME: 101.5, GLOBX: 48.2 });
