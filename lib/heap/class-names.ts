// Class names as the DevTools Summary and Comparison views show them, so that a leakhound
// diff can be read side by side with DevTools. The rules follow DevTools' heap snapshot
// worker (calculateObjectNames / propagateDOMState):
//   hidden                      → (system)
//   object, native              → the node's name; DOM names lose their attributes
//                                 (`<div id="a">` → `<div>`), and detached DOM gets a
//                                 `Detached ` prefix
//   code                        → (compiled code)
//   closure                     → Function      (DevTools dropped `(closure)` for this)
//   regexp                      → RegExp
//   anything else               → (<type>): (string), (concatenated string), (array), (number)…
// Context objects keep their V8 names (`system / Context / scope @<ScopeInfo id>`), which
// group closures' contexts by the scope that created them, exactly as DevTools lists them.
// DevTools also renames plain `Object`s after their property sets (`{a, b}`); we keep
// `Object` because those names depend on the whole snapshot and would not diff stably.

import type { HeapSnapshot } from './snapshot.js';

const DETACHED = 2;
const ATTACHED = 1;

export interface ClassIndex {
  /** Per node: index into `names`. */
  classOf: Uint32Array;
  /** Interned class names, each once. */
  names: string[];
}

/**
 * DOM attachment after DevTools' propagation: Blink marks the nodes it knows about, and
 * every native object reachable only from detached ones (their backing stores, text nodes,
 * event listener lists) is detached too. JS objects never inherit the state.
 * Returns 0 unknown / 1 attached / 2 detached per node.
 */
export function propagateDetachedness(s: HeapSnapshot): Uint8Array {
  const n = s.nodeCount;
  const state = s.nodeDetachedness.slice();
  const visited = new Uint8Array(n);
  const nativeType = s.types.native;
  const nodeType = s.nodeType;
  const fe = s.firstEdge;
  const edgeTo = s.edgeTo;
  const edgeType = s.edgeType;
  const hidden = s.edgeTypes.hidden;
  const weak = s.edgeTypes.weak;
  const attached = new Uint32Array(n);
  const detached = new Uint32Array(n);
  let na = 0;
  let nd = 0;
  for (let i = 0; i < n; i++) {
    const st = state[i];
    if (st !== ATTACHED && st !== DETACHED) continue;
    visited[i] = 1;
    if (nodeType[i] !== nativeType) continue;
    if (st === ATTACHED) attached[na++] = i;
    else detached[nd++] = i;
  }
  // Attached wins: it spreads first, so only what attached DOM cannot reach is left to
  // inherit "detached".
  while (na > 0) {
    const v = attached[--na];
    for (let e = fe[v], end = fe[v + 1]; e < end; e++) {
      const t = edgeType[e];
      if (t === hidden || t === weak) continue;
      const w = edgeTo[e];
      if (visited[w]) continue;
      visited[w] = 1;
      if (nodeType[w] !== nativeType) continue;
      state[w] = ATTACHED;
      attached[na++] = w;
    }
  }
  while (nd > 0) {
    const v = detached[--nd];
    for (let e = fe[v], end = fe[v + 1]; e < end; e++) {
      const t = edgeType[e];
      if (t === hidden || t === weak) continue;
      const w = edgeTo[e];
      if (visited[w]) continue;
      visited[w] = 1;
      if (nodeType[w] !== nativeType) continue;
      state[w] = DETACHED;
      detached[nd++] = w;
    }
  }
  return state;
}

/** `<div id="a" class="b">` → `<div>`; other names unchanged. */
function shortenDomName(name: string): string {
  const start = name.startsWith('<') ? 0 : name.startsWith('Detached <') ? 9 : -1;
  if (start < 0) return name;
  const space = name.indexOf(' ', start + 1);
  return space === -1 ? name : name.slice(0, space) + '>';
}

/** The DevTools class name of one raw (type, name, detachedness) triple. */
function nameFor(type: string, rawName: string, detached: boolean): string {
  switch (type) {
    case 'hidden':
      return '(system)';
    case 'object':
    case 'native': {
      const short = shortenDomName(rawName);
      if (detached && type === 'native' && !short.startsWith('Detached ')) return 'Detached ' + short;
      return short;
    }
    case 'code':
      return '(compiled code)';
    case 'closure':
      return 'Function';
    case 'regexp':
      return 'RegExp';
    default:
      return '(' + type + ')';
  }
}

/**
 * The class name of one node. Uses the node's own `detachedness`; pass the result of
 * `propagateDetachedness` to name inner parts of detached trees the way `classIndex` does.
 */
export function className(s: HeapSnapshot, node: number, detachedness?: Uint8Array): string {
  const det = (detachedness ?? s.nodeDetachedness)[node] === DETACHED;
  return nameFor(s.typeName(node), s.name(node), det);
}

/**
 * Class names of all nodes, interned once. Names that need no rewriting are looked up by
 * string index, so the loop does one array read per node in the common case.
 */
export function classIndex(s: HeapSnapshot, opts: { detachedness?: Uint8Array } = {}): ClassIndex {
  const n = s.nodeCount;
  const det = opts.detachedness ?? propagateDetachedness(s);
  const classOf = new Uint32Array(n);
  const names: string[] = [];
  const byName = new Map<string, number>();
  const intern = (name: string): number => {
    let k = byName.get(name);
    if (k === undefined) {
      k = names.length;
      names.push(name);
      byName.set(name, k);
    }
    return k;
  };
  // Per node type, a class id that ignores the name (-1 when the name matters).
  const typeNames = s.nodeTypeNames;
  const fixed = new Int32Array(typeNames.length).fill(-1);
  for (let t = 0; t < typeNames.length; t++) {
    if (typeNames[t] !== 'object' && typeNames[t] !== 'native') fixed[t] = intern(nameFor(typeNames[t], '', false));
  }
  // Class id by string index, separately for attached/unknown and detached natives.
  const plain = new Int32Array(s.stringCount).fill(-1);
  const detachedCls = new Int32Array(s.stringCount).fill(-1);
  const miss = (t: number, si: number, isDetached: boolean): number => {
    const k = intern(nameFor(typeNames[t], s.string(si) ?? '', isDetached));
    (isDetached ? detachedCls : plain)[si] = k;
    return k;
  };
  assignClasses(n, s.nodeType, s.nodeName, det, s.types.native, fixed, plain, detachedCls, classOf, miss);
  return { classOf, names };
}

/**
 * The per-node loop of `classIndex`, typed arrays only, with names not seen yet handed to
 * `miss`: small, so that V8 optimises it early in the one call (inside `classIndex` it ran
 * mostly unoptimised, and was recompiled after each rare path).
 */
function assignClasses(
  n: number, nodeType: Uint8Array, nodeName: Uint32Array, det: Uint8Array, nativeType: number,
  fixed: Int32Array, plain: Int32Array, detachedCls: Int32Array, classOf: Uint32Array,
  miss: (t: number, si: number, isDetached: boolean) => number,
): void {
  for (let i = 0; i < n; i++) {
    const t = nodeType[i];
    const f = fixed[t];
    if (f >= 0) {
      classOf[i] = f;
      continue;
    }
    const si = nodeName[i];
    const isDetached = t === nativeType && det[i] === DETACHED;
    const k = (isDetached ? detachedCls : plain)[si];
    classOf[i] = k >= 0 ? k : miss(t, si, isDetached);
  }
}
