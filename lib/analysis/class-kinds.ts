// Which classes a page author recognises as theirs. The verdict heads each leak with the
// most recognisable class it drags along, and hides growth that no page code can explain.
// Chromium 156 merges a DOM element's JS wrapper into its native node (`<div>`), so DOM
// elements are recognised by name, not by a separate wrapper object.
import type { HeapSnapshot } from '../heap/snapshot.js';

/** ECMAScript built-ins: page code creates them, but the name says nothing about where. */
const JS_BUILTINS: ReadonlySet<string> = new Set([
  'Object', 'Array', 'Function', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
  'Promise', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError',
  'AggregateError', 'Date', 'RegExp', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array',
  'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Symbol', 'BigInt',
  'Boolean', 'Number', 'String', 'Proxy', 'Arguments', 'Generator', 'AsyncGenerator', 'AsyncFunction',
  'GeneratorFunction', 'Array Iterator', 'Map Iterator', 'Set Iterator', 'String Iterator',
  'RegExp String Iterator', 'Iterator', 'Intl.Collator', 'Intl.DateTimeFormat', 'Intl.NumberFormat',
]);

const PAGE_MADE_NATIVES: ReadonlySet<string> = new Set(['PerformanceMark', 'PerformanceMeasure']);

export const enum Recognition {
  /** Browser bookkeeping, engine internals: never a leak headline on its own. */
  None = 0,
  /** A built-in JS value (Object, Array, Map, ...) the page created. */
  Builtin = 1,
  /** A page function (closure). */
  Function = 2,
  /** A DOM element or window the page created and still holds. */
  Dom = 3,
  /**
   * An instance of a library's class: defined in third-party code (a Chart.js scale), or
   * with a minified name (`a`, `Tk`: RxJS subscribers, React fibers in a production
   * bundle). A developer recognises their own class or the detached DOM sooner.
   */
  LibraryClass = 4,
  /** A detached DOM element: the classic DOM leak. */
  DetachedDom = 5,
  /** An instance of a class the page defined. */
  UserClass = 6,
}

/** One or two characters: what minifiers leave of a class name. */
const MINIFIED = /^[A-Za-z_$][A-Za-z0-9_$]?$/;

/** What the snapshot says about where classes come from; see `classOrigins`. */
export interface ClassOrigins {
  /** Constructors that are browser API functions (Web IDL wrappers). */
  api: ReadonlySet<string>;
  /** Constructors defined in third-party code (node_modules, vendor bundles, CDNs). */
  library: ReadonlySet<string>;
}

export function recognise(s: HeapSnapshot, node: number, className: string, origins: ClassOrigins): Recognition {
  const t = s.nodeType[node];
  if (t === s.types.object) {
    if (className.startsWith('system /') || className.startsWith('(')) return Recognition.None;
    if (className.includes(' / ') || className.endsWith('(prototype)')) return Recognition.None;
    if (JS_BUILTINS.has(className) || origins.api.has(className)) return Recognition.Builtin;
    return MINIFIED.test(className) || origins.library.has(className) ? Recognition.LibraryClass : Recognition.UserClass;
  }
  if (t === s.types.closure || t === s.types.regexp) return Recognition.Function;
  if (t === s.types.native) {
    if (s.nodeDetachedness[node] === 2) return Recognition.DetachedDom;
    const name = s.name(node);
    if (name.startsWith('<') || name.startsWith('Window') || name === 'HTMLDocument' || name === 'Document') {
      return Recognition.Dom;
    }
    // Browser objects that exist only because page code made them and that page code can
    // free: User Timing entries stay in an unbounded buffer until clearMarks/clearMeasures.
    if (PAGE_MADE_NATIVES.has(name)) return Recognition.Dom;
  }
  return Recognition.None;
}

/** Node types that can start a leak group; the rest (code, strings, shapes...) only ride along. */
export function isSeedType(s: HeapSnapshot, node: number): boolean {
  const t = s.nodeType[node];
  const T = s.types;
  return t === T.object || t === T.closure || t === T.regexp || t === T.native;
}

/**
 * Names of classes whose constructor is a browser API function (Web IDL interfaces such as
 * HTMLLIElement, MutationObserver, PointerEvent): their instances are the browser's wrapper
 * objects, however much the page created them. V8 runs API constructors through the
 * HandleApiCallOrConstruct builtin, while page classes have bytecode of their own.
 */
export function apiClassNames(s: HeapSnapshot): Set<string> {
  const out = new Set<string>();
  const closure = s.types.closure;
  const internal = s.edgeTypes.internal;
  for (let i = 0; i < s.nodeCount; i++) {
    if (s.nodeType[i] !== closure) continue;
    // The internal `code` edge only: a page may give a function a property named `code`.
    for (let e = s.firstEdge[i], end = s.firstEdge[i + 1]; e < end; e++) {
      if (s.edgeType[e] !== internal || s.string(s.edgeNameOrIndex[e]) !== 'code') continue;
      if (s.name(s.edgeTo[e]).includes('HandleApiCall')) out.add(s.name(i));
      break;
    }
  }
  return out;
}

/**
 * Script URLs of third-party code: installed packages (also as dev servers serve them,
 * e.g. /node_modules/.vite/deps/), vendor folders, public package CDNs. An app's own CDN
 * or a minified app bundle is not third-party, so neither host names nor `.min.js` count.
 */
const LIBRARY_URL = /\/node_modules\/|\/vendor\/|\/\/(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|esm\.sh|ga\.jspm\.io|cdn\.skypack\.dev)\//;

export function isLibraryScriptUrl(url: string): boolean {
  return LIBRARY_URL.test(url);
}

/**
 * Where each class comes from: API constructors (see `apiClassNames`), and constructors
 * whose script is third-party by its URL (closure → shared → script). A bundled production
 * build has one script for all, and then only minified names tell library classes apart.
 */
export function classOrigins(s: HeapSnapshot, sources?: ReadonlyMap<string, 'library' | 'page'>): ClassOrigins {
  const library = new Set<string>();
  const closure = s.types.closure;
  const scriptIsLibrary = new Map<number, boolean>();
  for (let i = 0; i < s.nodeCount; i++) {
    if (s.nodeType[i] !== closure) continue;
    const name = s.name(i);
    if (!name || library.has(name) || !/^[A-Z_$]/.test(name)) continue; // constructors only
    const shared = s.childByEdgeName(i, 'shared');
    const script = shared >= 0 ? s.childByEdgeName(shared, 'script') : -1;
    if (script < 0) continue;
    let lib = scriptIsLibrary.get(script);
    if (lib === undefined) {
      const url = scriptUrl(s, script);
      lib = url !== '' && LIBRARY_URL.test(url);
      scriptIsLibrary.set(script, lib);
    }
    if (lib) library.add(name);
  }
  // A source map knows better than a URL: one bundle holds page and library classes alike.
  // It only adds: a library's own map points into its own src/, not node_modules.
  for (const [name, where] of sources ?? []) if (where === 'library') library.add(name);
  return { api: apiClassNames(s), library };
}

/** The URL (or name) of a `system / Script` node; '' when it has none. */
export function scriptUrl(s: HeapSnapshot, script: number): string {
  const own = s.name(script);
  const prefix = 'system / Script / ';
  if (own.startsWith(prefix) && own.length > prefix.length) return own.slice(prefix.length);
  for (const edge of ['source_url', 'name']) {
    const str = s.childByEdgeName(script, edge);
    if (str >= 0 && s.name(str)) return s.name(str);
  }
  return '';
}
