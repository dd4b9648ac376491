// The unminified ES build, as a dev server serves it: its names (currentListeners) show on
// the retainer chain instead of the minified build's one-letter ones.
import { legacy_createStore as createStore } from '/node_modules/redux/dist/redux.mjs';

const initialState = {
  orders: {
    'SO-1041': { id: 'SO-1041', customer: 'Hoffmann GmbH', status: 'packed', total: 412.5 },
    'SO-1042': { id: 'SO-1042', customer: 'Lumen Labs', status: 'shipped', total: 89.9 },
  },
  selectedId: null,
};

function reducer(state = initialState, action) {
  switch (action.type) {
    case 'orders/select':
      return { ...state, selectedId: action.id };
    case 'orders/deselect':
      return { ...state, selectedId: null };
    default:
      return state;
  }
}

export const store = createStore(reducer);
