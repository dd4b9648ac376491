// Small heap graphs shaped like Chromium 156 snapshots, for the analyses' unit tests.
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { loadWithJsonParse } from '../helpers/reference-loader.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';

export function load(b: SnapshotBuilder): HeapSnapshot {
  return loadWithJsonParse(b.toJSON());
}

export interface PageSkeleton {
  b: SnapshotBuilder;
  globalHandles: number;
  persistent: number;
  frame: number;
  /** The native `Window / url` node (Blink's DOMWindow merged with its global proxy). */
  window: number;
  /** The main world's JS global object: where `window.x = …` properties live. */
  global: number;
  nativeContext: number;
}

/**
 * The root/GC-roots/Window layout measured on Chromium 156: the synthetic root has only
 * `(GC roots)`; the Window hangs off `C++ Persistent roots` through its frame, and links its
 * native context and JS global object by shortcut edges.
 */
export function pageSkeleton(url = 'http://127.0.0.1:1'): PageSkeleton {
  const b = new SnapshotBuilder();
  const globalHandles = b.rootGroup('(Global handles)');
  const persistent = b.rootGroup('C++ Persistent roots');
  const frame = b.node({ type: 'native', name: 'blink::LocalFrame', selfSize: 1480 });
  const window = b.node({ type: 'native', name: `Window / ${url}`, selfSize: 912 });
  const nativeContext = b.node({ type: 'native', name: `system / NativeContext / ${url}`, selfSize: 1244 });
  const global = b.node({ type: 'object', name: `Window [JSGlobalObject] / ${url}`, selfSize: 24 });
  b.edge(persistent, frame, 'element', 1);
  b.edge(frame, window, 'element', 1);
  b.edge(window, frame, 'element', 2);
  b.edge(window, nativeContext, 'shortcut', 'native_context');
  b.edge(window, global, 'shortcut', 'global_object');
  b.edge(nativeContext, global, 'internal', 'global_object');
  b.edge(nativeContext, window, 'internal', 'global_proxy_object');
  b.edge(global, window, 'property', 'globalThis');
  b.edge(globalHandles, nativeContext, 'internal', 'extensions::ScriptContext::v8_context_');
  return { b, globalHandles, persistent, frame, window, global, nativeContext };
}

/** A console/inspector handle: `(Global handles)` → target, named as V8's inspector names it. */
export function consoleHandle(p: PageSkeleton, target: number, n = 18): void {
  p.b.edge(p.globalHandles, target, 'internal', `${n} / DevTools console`);
}
