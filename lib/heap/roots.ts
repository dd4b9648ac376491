// Where retainer chains start. A page author thinks of "window.store.items", not of
// "(GC roots) → C++ Persistent roots → blink::LocalFrame → …", so chains are seeded from the
// page's live Window objects first (user roots) and only then from V8's and Blink's roots.

import type { HeapSnapshot } from './snapshot.js';

export type RootKind = 'window' | 'dom' | 'native-root' | 'gc-root' | 'other';

export interface RootDescription {
  kind: RootKind;
  label: string;
}

const WINDOW_NAME = /^Window( \/ |$)/;

/**
 * The page's user roots, in seeding order: each live Window followed by its JS global
 * object (the `global_object` shortcut), so `window.store` reads as Window → store.
 *
 * Chromium ≥ ~120 no longer links Windows from the synthetic root; the native
 * `Window / <url>` node (Blink's DOMWindow merged with its global proxy) is found by name.
 * A Window whose frame is gone (a removed iframe kept alive by script) is *not* a root: it
 * is exactly the kind of object a chain must explain, so it must not be a chain's start.
 * Older snapshots link Windows (shortcut edges) and `(Document DOM trees)` from the root;
 * those are honoured too, as DevTools does.
 */
export function findUserRoots(s: HeapSnapshot): Uint32Array {
  const out: number[] = [];
  const seen = new Uint8Array(s.nodeCount);
  const add = (n: number) => {
    if (!seen[n]) {
      seen[n] = 1;
      out.push(n);
    }
  };
  const root = s.rootIndex;
  const synthetic = s.types.synthetic;
  for (let e = s.firstEdge[root]; e < s.firstEdge[root + 1]; e++) {
    const to = s.edgeTo[e];
    if (s.nodeType[to] !== synthetic || s.name(to) === '(Document DOM trees)') add(to);
  }

  const windows: number[] = [];
  const nativeType = s.types.native;
  const objectType = s.types.object;
  const nodeName = s.nodeName;
  const isWindowName = new Int8Array(s.stringCount);
  for (let n = 0; n < s.nodeCount; n++) {
    const t = s.nodeType[n];
    if (t !== nativeType && t !== objectType) continue;
    const si = nodeName[n];
    if (isWindowName[si] === 0) isWindowName[si] = WINDOW_NAME.test(s.string(si) ?? '') ? 1 : -1;
    if (isWindowName[si] === 1 && t === nativeType) windows.push(n);
  }
  let live = windows.filter((w) => hasChildNamed(s, w, 'blink::LocalFrame'));
  // Builds that don't expose the frame link: fall back to "its document is not detached".
  if (live.length === 0) live = windows.filter((w) => !hasDetachedDocument(s, w));
  for (const w of live) {
    add(w);
    const g = globalObjectOf(s, w);
    if (g >= 0) add(g);
  }
  return Uint32Array.from(out);
}

function hasChildNamed(s: HeapSnapshot, node: number, name: string): boolean {
  for (let e = s.firstEdge[node]; e < s.firstEdge[node + 1]; e++) if (s.name(s.edgeTo[e]) === name) return true;
  return false;
}

function hasDetachedDocument(s: HeapSnapshot, node: number): boolean {
  for (let e = s.firstEdge[node]; e < s.firstEdge[node + 1]; e++) {
    const to = s.edgeTo[e];
    if (s.nodeDetachedness[to] === 2 && s.name(to).endsWith('Document')) return true;
  }
  return false;
}

/** The JS global object behind a Window/global proxy node, or -1. */
export function globalObjectOf(s: HeapSnapshot, node: number): number {
  for (let e = s.firstEdge[node]; e < s.firstEdge[node + 1]; e++) {
    if (s.edgeType[e] === s.edgeTypes.shortcut && s.edgeName(e) === 'global_object') return s.edgeTo[e];
  }
  return -1;
}

/** What a page author should read for the node a chain starts at. */
const GC_ROOT_LABELS: Record<string, string> = {
  '(Global handles)': 'V8 global handles (held by the embedder or the inspector)',
  '(Traced handles)': 'V8 traced handles (held by Blink wrappers)',
  '(Stack roots)': 'the JavaScript stack while the snapshot was taken',
  '(Handle scope)': 'a V8 handle scope (native code in progress)',
  '(Strong roots)': 'V8 strong roots',
  '(Strong root list)': 'V8 strong roots',
  '(Eternal handles)': 'V8 eternal handles',
  '(Debugger)': 'the debugger',
  '(Compilation cache)': 'the compilation cache',
  '(Builtins)': 'V8 builtins',
  '(Bootstrapper)': 'the V8 bootstrapper',
  '(Internalized strings)': 'the internalized string table',
  '(Micro tasks)': 'the microtask queue (pending promise jobs)',
  '(Read-only roots)': 'V8 read-only roots',
};

export function describeRoot(s: HeapSnapshot, node: number): RootDescription {
  const name = s.name(node);
  const type = s.typeName(node);
  const win = /^Window(?: \[JSGlobal(?:Object|Proxy)\])?(?: \/ (.*))?$/.exec(name);
  if (win && (type === 'native' || type === 'object')) {
    return { kind: 'window', label: win[1] ? `Window (${win[1]})` : 'Window' };
  }
  if (node === s.rootIndex) return { kind: 'gc-root', label: 'the heap root' };
  if (type === 'synthetic') {
    if (name === '(Document DOM trees)') return { kind: 'dom', label: 'the document DOM trees' };
    if (name.startsWith('C++ ')) return { kind: 'native-root', label: `Blink (${name})` };
    return { kind: 'gc-root', label: GC_ROOT_LABELS[name] ?? name };
  }
  if (type === 'native' && (name.startsWith('<') || name.startsWith('Detached ') || /Document$/.test(name))) {
    return { kind: 'dom', label: name };
  }
  if (type === 'native') return { kind: 'native-root', label: name };
  return { kind: 'other', label: name || `(${type})` };
}
