// Small page-shaped snapshots for the CLI tests, in Chromium 156's layout: a live Window
// (it links its blink::LocalFrame) holding `store.items`, an array of Foo objects.
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';

export interface PageOptions {
  /** How many Foo objects `window.store.items` holds. */
  foos: number;
  /** Adds a class and property names full of DOT/HTML/terminal metacharacters. */
  evil?: boolean;
}

/** Ids of Foo i and of its label string, the same in every snapshot built here. */
export const fooId = (i: number) => 100001 + 4 * i;
export const fooLabelId = (i: number) => 100003 + 4 * i;
export const EVIL_ID = 90001;
export const LONELY_ID = 90003;
export const EVIL_CLASS = 'Evil"<b>\\N&';
export const EVIL_PROP = 'x" -> pwn [label="';

export function pageSnapshot(opts: PageOptions): SnapshotBuilder {
  const b = new SnapshotBuilder();
  const handles = b.rootGroup('(Global handles)');
  const persistent = b.rootGroup('C++ Persistent roots');
  const win = b.node({ type: 'native', name: 'Window / http://app.test/', selfSize: 100 });
  b.edge(persistent, win, 'element', 1);
  b.edge(win, b.node({ type: 'native', name: 'blink::LocalFrame' }), 'internal', 'frame');
  const store = b.node({ name: 'Object', selfSize: 24 });
  b.prop(win, 'store', store);
  const items = b.node({ name: 'Array', selfSize: 32 });
  b.prop(store, 'items', items);
  // Ids given explicitly from here on, so they match between snapshots of different sizes.
  if (opts.evil) {
    const evil = b.node({ name: EVIL_CLASS, selfSize: 8, id: EVIL_ID });
    b.prop(store, EVIL_PROP, evil);
  }
  // Only a DevTools console handle keeps this one: the internals filter hides that edge.
  const lonely = b.node({ name: 'Lonely', selfSize: 8, id: LONELY_ID });
  b.edge(handles, lonely, 'internal', '2 / DevTools console');
  for (let i = 0; i < opts.foos; i++) {
    const foo = b.node({ name: 'Foo', selfSize: 32, id: fooId(i) });
    b.edge(items, foo, 'element', i);
    b.prop(foo, 'label', b.node({ type: 'string', name: `foo ${i}`, selfSize: 20, id: fooLabelId(i) }));
  }
  return b;
}
