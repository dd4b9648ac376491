// Writes a large synthetic heap snapshot in V8's real format (Chromium 156 layout: six node
// fields, five location fields, `scopes` sections) for the parser and analysis benchmark.
// The shape mimics a page heap: a synthetic root → (GC roots) → root groups → a Window and a
// NativeContext; below them a population of objects, arrays, strings, closures, contexts,
// code and DOM nodes, linked by a tree backbone (every node reachable, depth ~log4 n) plus
// property/element/context/internal/weak cross edges, mostly local as in real heaps.
//
// The file is streamed out in ~1 MiB pieces; the graph is regenerated per node from a seeded
// hash, so memory stays at a few bytes per node whatever the size.
//
//   npx tsx bench/gen-snapshot.ts --nodes 3000000 --out bench/out/x.heapsnapshot
//   npx tsx bench/gen-snapshot.ts --size 1g --out bench/out/big.heapsnapshot
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GenerateOptions {
  nodes: number;
  out: string;
  seed?: number;
}

export interface GeneratedSnapshot {
  file: string;
  bytes: number;
  nodes: number;
  edges: number;
  strings: number;
}

/** Bytes per node of the generated format, measured; used to turn `--size` into a node count. */
export const BYTES_PER_NODE = 105;

export function nodesForSize(bytes: number): number {
  return Math.ceil(bytes / BYTES_PER_NODE);
}

const NODE_TYPES = [
  'hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native',
  'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape',
];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const T = Object.fromEntries(NODE_TYPES.map((t, i) => [t, i])) as Record<string, number>;
const E = Object.fromEntries(EDGE_TYPES.map((t, i) => [t, i])) as Record<string, number>;
const NF = 6;

const ROOT_GROUPS = [
  '(Bootstrapper)', '(Builtins)', '(Compilation cache)', '(Debugger)', '(Extensions)',
  '(Global handles)', '(Handle scope)', '(Internalized strings)', '(Relocatable)',
  '(Stack roots)', '(Strong roots)', '(Traced handles)',
];
const SHAPES = 2000;
const WINDOW_PROPS = 3000;

// Fixed node indices.
const ROOT = 0;
const GC_ROOTS = 1;
const GROUP0 = 2;
const WINDOW = GROUP0 + ROOT_GROUPS.length;
const NATIVE_CONTEXT = WINDOW + 1;
const SHAPE0 = NATIVE_CONTEXT + 1;
const POP0 = SHAPE0 + SHAPES;

/** Population kinds with their share (per mille). Containers have outgoing edges. */
const KINDS: { type: string; share: number; container: boolean }[] = [
  { type: 'object', share: 300, container: true },
  { type: 'array', share: 90, container: true },
  { type: 'string', share: 220, container: false },
  { type: 'concatenated string', share: 15, container: true },
  { type: 'closure', share: 80, container: true },
  { type: 'code', share: 80, container: true },
  { type: 'hidden', share: 60, container: true }, // contexts
  { type: 'number', share: 35, container: false },
  { type: 'native', share: 110, container: true }, // DOM
  { type: 'symbol', share: 5, container: false },
  { type: 'regexp', share: 5, container: false },
];
const KIND_TABLE = (() => {
  const t = new Uint8Array(1000);
  let k = 0;
  KINDS.forEach((kind, i) => {
    for (let n = 0; n < kind.share; n++) t[k++] = i;
  });
  return t;
})();

const WORDS = [
  'alpha', 'beta', 'gamma', 'delta', 'user', 'item', 'list', 'cache', 'node', 'view', 'model', 'store',
  'render', 'update', 'state', 'props', 'value', 'key', 'index', 'handler', 'event', 'click', 'data', 'row',
];
// Non-ASCII and escape-worthy fragments, as real page strings contain.
const SPICE = ['é', 'ü', '中文', '日本語', '😀', '→', '"quoted"', 'line\nbreak', 'tab\there', 'back\\slash'];

/** Deterministic 32-bit hash (splitmix-like) so every pass sees the same graph. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = mix(seed) || 1;
  }
  next(): number {
    let s = this.s;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.s = s >>> 0;
    return this.s;
  }
  below(n: number): number {
    return this.next() % n;
  }
}

/** Buffered UTF-8 writes to a file descriptor, flushed every ~1 MiB. */
class Out {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  put(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    fs.writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }
}

/** The graph: node kinds, backbone ranks and string table layout, a few bytes per node. */
class Graph {
  readonly n: number;
  readonly type: Uint8Array;
  /** Rank among containers, or -1 for leaves. */
  readonly rank: Int32Array;
  readonly containers: Uint32Array;
  /** For string nodes: rank among them (their content string). */
  readonly stringRank: Uint32Array;
  readonly stringNodes: number;
  readonly closures: number;
  // String table layout.
  readonly strings: string[] = ['<dummy>', '', '(GC roots)', ...ROOT_GROUPS, 'Window / https://bench.example/', 'system / NativeContext', 'system / Map'];
  readonly classBase: number;
  readonly propBase: number;
  readonly funcBase: number;
  readonly varBase: number;
  readonly domBase: number;
  readonly miscBase: number;
  readonly contentBase: number;
  static readonly CLASSES = 1500;
  static readonly PROPS = 4000;
  static readonly FUNCS = 3000;
  static readonly VARS = 800;
  static readonly DOM = ['HTMLDivElement', 'HTMLSpanElement', 'HTMLLIElement', 'Text', 'HTMLButtonElement', 'HTMLInputElement', 'Comment', 'EventListener', 'InternalNode', 'CSSStyleDeclaration'];
  static readonly MISC = ['(object elements)', 'system / Context', '(concatenated string)', 'heap number', 'system / SharedFunctionInfo', '(compiled code)', 'Symbol(react.element)', '/[a-z]+/g', 'map', 'elements', 'context', 'shared', 'first', 'second', 'previous', 'prototype', '__proto__', 'script', 'back_pointer', 'native_context', 'global_proxy_object', 'code', 'feedback_cell'];
  // No prototype: '__proto__' is one of the names.
  readonly misc: Record<string, number> = Object.create(null);

  constructor(nodes: number, readonly seed: number) {
    const n = Math.max(nodes, POP0 + 100);
    this.n = n;
    this.type = new Uint8Array(n);
    this.rank = new Int32Array(n).fill(-1);
    this.stringRank = new Uint32Array(n);
    const fixedTypes: [number, string][] = [[ROOT, 'synthetic'], [GC_ROOTS, 'synthetic'], [WINDOW, 'object'], [NATIVE_CONTEXT, 'hidden']];
    for (const [i, t] of fixedTypes) this.type[i] = T[t];
    for (let g = 0; g < ROOT_GROUPS.length; g++) this.type[GROUP0 + g] = T.synthetic;
    for (let s = 0; s < SHAPES; s++) this.type[SHAPE0 + s] = T['object shape'];
    let containers = 0;
    let strings = 0;
    let closures = 0;
    for (let i = POP0; i < n; i++) {
      const kind = KINDS[KIND_TABLE[mix(i ^ seed) % 1000]];
      this.type[i] = T[kind.type];
      if (kind.container) this.rank[i] = containers++;
      if (kind.type === 'string') this.stringRank[i] = strings++;
      if (kind.type === 'closure') closures++;
    }
    this.containers = new Uint32Array(containers);
    for (let i = POP0; i < n; i++) if (this.rank[i] >= 0) this.containers[this.rank[i]] = i;
    this.stringNodes = strings;
    this.closures = closures;

    const add = (list: string[]) => {
      const base = this.strings.length;
      this.strings.push(...list);
      return base;
    };
    const names = (count: number, f: (k: number) => string) => Array.from({ length: count }, (_, k) => f(k));
    this.classBase = add(['Object', 'Array', 'Map', 'Set', 'Promise', 'Function', 'Error', 'Date', ...names(Graph.CLASSES - 8, (k) => `${cap(WORDS[k % WORDS.length])}${cap(WORDS[(k * 7) % WORDS.length])}${k}`)]);
    this.propBase = add(names(Graph.PROPS, (k) => (k % 5 === 0 ? `on${cap(WORDS[k % WORDS.length])}${k}` : `${WORDS[k % WORDS.length]}_${k}`)));
    this.funcBase = add(names(Graph.FUNCS, (k) => `${WORDS[(k * 3) % WORDS.length]}${cap(WORDS[k % WORDS.length])}${k}`));
    this.varBase = add(names(Graph.VARS, (k) => `${WORDS[k % WORDS.length]}${k}`));
    this.domBase = add(Graph.DOM);
    this.miscBase = add(Graph.MISC);
    Graph.MISC.forEach((m, k) => (this.misc[m] = this.miscBase + k));
    this.contentBase = this.strings.length;
  }

  get stringCount(): number {
    return this.contentBase + this.stringNodes;
  }

  /** Content of the k-th string node: words, sometimes non-ASCII or characters JSON escapes. */
  content(k: number): string {
    const r = new Rng(k ^ 0x5bd1e995 ^ this.seed);
    const words = 3 + r.below(10);
    let s = `${WORDS[r.below(WORDS.length)]}#${k}`;
    for (let w = 1; w < words; w++) s += ` ${WORDS[r.below(WORDS.length)]}`;
    if (r.below(50) === 0) s += ` ${SPICE[r.below(SPICE.length)]}`;
    // Script sources live in the strings table too: long, multi-line, full of quotes.
    if (r.below(25) === 0) {
      const lines = 10 + r.below(40);
      for (let l = 0; l < lines; l++) s += `\n  const ${WORDS[r.below(WORDS.length)]}${l} = "${WORDS[r.below(WORDS.length)]}";`;
    }
    return s;
  }

  /** Node fields except edge_count: [type, name, id, self_size, detachedness]. */
  node(i: number): [number, number, number, number, number] {
    const t = this.type[i];
    const id = 2 * i + 1;
    if (i === ROOT) return [t, 1, id, 0, 0];
    if (i === GC_ROOTS) return [t, 2, id, 0, 0];
    if (i < WINDOW) return [t, 3 + (i - GROUP0), id, 0, 0];
    if (i === WINDOW) return [t, 3 + ROOT_GROUPS.length, id, 56, 1];
    if (i === NATIVE_CONTEXT) return [t, 4 + ROOT_GROUPS.length, id, 1200, 0];
    if (i < POP0) return [t, 5 + ROOT_GROUPS.length, id, 40, 0];
    const h = mix(i * 31 + this.seed);
    switch (NODE_TYPES[t]) {
      case 'object': return [t, this.classBase + zipf(h, Graph.CLASSES), id, 16 + 8 * (h % 8), 0];
      case 'array': return [t, this.misc['(object elements)'], id, 16 + 8 * (h % 64), 0];
      case 'string': return [t, this.contentBase + this.stringRank[i], id, 16 + (h % 96), 0];
      case 'concatenated string': return [t, this.misc['(concatenated string)'], id, 32, 0];
      case 'closure': return [t, this.funcBase + (h % Graph.FUNCS), id, 32, 0];
      case 'code': return [t, this.misc[h % 3 === 0 ? '(compiled code)' : 'system / SharedFunctionInfo'], id, 40 + (h % 400), 0];
      case 'hidden': return [t, this.misc['system / Context'], id, 24 + 8 * (h % 12), 0];
      case 'number': return [t, this.misc['heap number'], id, 12, 0];
      case 'native': return [t, this.domBase + (h % Graph.DOM.length), id, h % 200, h % 997 === 0 ? 2 : 1];
      case 'symbol': return [t, this.misc['Symbol(react.element)'], id, 16, 0];
      default: return [t, this.misc['/[a-z]+/g'], id, 48, 0];
    }
  }

  /** Calls `emit(edgeType, nameOrIndex, toNode)` for each edge of node i, the same way every time. */
  edges(i: number, emit: (type: number, name: number, to: number) => void): void {
    const n = this.n;
    if (i === ROOT) return emit(E.element, 1, GC_ROOTS);
    if (i === GC_ROOTS) {
      for (let g = 0; g < ROOT_GROUPS.length; g++) emit(E.element, g + 1, GROUP0 + g);
      return;
    }
    if (i < WINDOW) {
      const name = ROOT_GROUPS[i - GROUP0];
      if (name === '(Global handles)') emit(E.element, 1, WINDOW);
      if (name === '(Strong roots)') emit(E.internal, this.misc.native_context, NATIVE_CONTEXT);
      if (name === '(Handle scope)' || name === '(Stack roots)') {
        const r = new Rng(i);
        for (let k = 0; k < 50; k++) emit(E.element, k, POP0 + r.below(n - POP0));
      }
      return;
    }
    if (i === WINDOW) {
      emit(E.internal, this.misc.map, SHAPE0);
      emit(E.internal, this.misc.native_context, NATIVE_CONTEXT);
      emit(E.property, this.propBase, this.containers[0]); // the backbone's root
      const r = new Rng(i);
      for (let k = 1; k < WINDOW_PROPS; k++) emit(E.property, this.propBase + k, POP0 + r.below(n - POP0));
      return;
    }
    if (i === NATIVE_CONTEXT) {
      emit(E.internal, this.misc.global_proxy_object, WINDOW);
      for (let s = 0; s < SHAPES; s++) emit(E.internal, this.misc.map, SHAPE0 + s);
      return;
    }
    if (i < POP0) {
      const s = i - SHAPE0;
      if (s > 0) emit(E.internal, this.misc.back_pointer, SHAPE0 + ((s - 1) >> 1));
      emit(E.internal, this.misc.prototype, POP0 + (mix(i) % (n - POP0)));
      return;
    }
    const rank = this.rank[i];
    if (rank < 0) return;
    const t = NODE_TYPES[this.type[i]];
    const r = new Rng(i ^ this.seed);
    // Backbone: tree children among containers, then the leaves up to the next container.
    const named = t === 'object' || t === 'native' || t === 'closure';
    let slot = 0;
    const child = (to: number) => {
      if (t === 'array') emit(E.element, slot++, to);
      else if (t === 'hidden') emit(E.context, this.varBase + (slot++ % Graph.VARS), to);
      else if (named) emit(E.property, this.propBase + ((i + slot++ * 7) % Graph.PROPS), to);
      else emit(E.internal, this.miscBase + (slot++ % Graph.MISC.length), to);
    };
    for (let c = 4 * rank + 1; c <= 4 * rank + 4 && c < this.containers.length; c++) child(this.containers[c]);
    for (let j = i + 1; j < n && this.rank[j] < 0; j++) child(j);
    if (rank === 0) for (let j = POP0; j < i; j++) child(j); // leaves before the first container
    // Cross edges: mostly to neighbours (allocation locality), some anywhere, some weak.
    const near = () => {
      const j = i + (r.below(4001) - 2000);
      return j < POP0 ? POP0 : j >= n ? n - 1 : j;
    };
    const far = () => POP0 + r.below(n - POP0);
    const pick = () => (r.below(10) < 7 ? near() : far());
    switch (t) {
      case 'object': {
        emit(E.internal, this.misc.map, SHAPE0 + zipf(r.next(), SHAPES));
        const props = r.below(9);
        for (let k = 0; k < props; k++) emit(E.property, this.propBase + r.below(Graph.PROPS), pick());
        if (r.below(20) === 0) emit(E.weak, this.misc.prototype, far());
        emit(E.property, this.misc.__proto__, SHAPE0 + r.below(SHAPES));
        break;
      }
      case 'array': {
        const elems = r.below(10);
        for (let k = 0; k < elems; k++) emit(E.element, slot++, pick());
        break;
      }
      case 'closure':
        emit(E.internal, this.misc.map, SHAPE0 + r.below(SHAPES));
        emit(E.internal, this.misc.context, near());
        emit(E.internal, this.misc.shared, near());
        emit(E.internal, this.misc.feedback_cell, near());
        break;
      case 'code':
        emit(E.internal, this.misc.script, near());
        emit(E.internal, this.misc.code, near());
        if (r.below(4) === 0) emit(E.weak, this.misc.code, far());
        break;
      case 'hidden': {
        emit(E.internal, this.misc.previous, near());
        const vars = 1 + r.below(4);
        for (let k = 0; k < vars; k++) emit(E.context, this.varBase + r.below(Graph.VARS), pick());
        break;
      }
      case 'native': {
        const kids = r.below(6);
        for (let k = 0; k < kids; k++) emit(E.element, slot++, near());
        emit(E.internal, this.misc.native_context, near());
        break;
      }
      case 'concatenated string':
        emit(E.internal, this.misc.first, near());
        emit(E.internal, this.misc.second, near());
        break;
    }
  }
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** A skewed pick in [0, n): a few classes are very common, as `Object` is in real heaps. */
function zipf(h: number, n: number): number {
  const u = (h % 100000) / 100000;
  return Math.min(n - 1, Math.floor(n * u * u * u));
}

export function generateSnapshot(opts: GenerateOptions): GeneratedSnapshot {
  const g = new Graph(opts.nodes, opts.seed ?? 42);
  const n = g.n;
  const counts = new Uint32Array(n);
  let edgeCount = 0;
  for (let i = 0; i < n; i++) {
    let c = 0;
    g.edges(i, () => c++);
    counts[i] = c;
    edgeCount += c;
  }
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  const tmp = `${opts.out}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  const out = new Out(fd);
  try {
    const meta = {
      node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'],
      node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number'],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
      trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
      trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
      sample_fields: ['timestamp_us', 'last_assigned_id'],
      location_fields: ['object_index', 'script_id', 'script_object_index', 'line', 'column'],
      scope_fields: ['script_node_index', 'scope_id', 'depth', 'scope_context_vars_count', 'scope_uses_count'],
      scope_context_var_fields: ['name'],
      scope_use_fields: ['declaring_scope_id', 'slot_index'],
    };
    out.put(`{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${n},"edge_count":${edgeCount},"trace_function_count":0,"extra_native_bytes":0},\n"nodes":[`);
    let line = '';
    for (let i = 0; i < n; i++) {
      const [t, name, id, size, det] = g.node(i);
      line += `${i ? ',' : ''}${t},${name},${id},${size},${counts[i]},${det}`;
      if (line.length > 65536) {
        out.put(line);
        line = '';
      }
    }
    out.put(`${line}],\n"edges":[`);
    line = '';
    let first = true;
    for (let i = 0; i < n; i++) {
      g.edges(i, (t, name, to) => {
        line += `${first ? '' : ','}${t},${name},${to * NF}`;
        first = false;
      });
      if (line.length > 65536) {
        out.put(line);
        line = '';
      }
    }
    out.put(`${line}],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[`);
    line = '';
    first = true;
    for (let i = POP0; i < n; i++) {
      if (NODE_TYPES[g.type[i]] !== 'closure') continue;
      const h = mix(i);
      line += `${first ? '' : ','}${i * NF},${3 + (h % 40)},${POP0 * NF},${h % 5000},${h % 120}`;
      first = false;
      if (line.length > 65536) {
        out.put(line);
        line = '';
      }
    }
    out.put(`${line}],\n"scopes":[${POP0 * NF},-2,0,1,1,${POP0 * NF},134,1,0,0],\n"scope_context_vars":[5252],\n"scope_uses":[-2,0,-2,0],\n"strings":[`);
    line = g.strings.map((s) => JSON.stringify(s)).join(',');
    for (let k = 0; k < g.stringNodes; k++) {
      line += `,${JSON.stringify(g.content(k))}`;
      if (line.length > 65536) {
        out.put(line);
        line = '';
      }
    }
    out.put(`${line}]}`);
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, opts.out);
  return { file: opts.out, bytes: fs.statSync(opts.out).size, nodes: n, edges: edgeCount, strings: g.stringCount };
}

/** `300m`, `1g`, `1.5g`, or bytes. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size "${s}" (use e.g. 300m or 1g)`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}

function main(argv: string[]): void {
  let nodes = 3_000_000;
  let out = '';
  let seed = 42;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--nodes') nodes = Number(argv[++k]);
    else if (a === '--size') nodes = nodesForSize(parseSize(argv[++k]));
    else if (a === '--out') out = argv[++k];
    else if (a === '--seed') seed = Number(argv[++k]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(nodes) || nodes <= 0) throw new Error('--nodes must be a positive integer');
  if (!out) out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out', `synthetic-${nodes}.heapsnapshot`);
  const t = performance.now();
  const r = generateSnapshot({ nodes, out, seed });
  const s = ((performance.now() - t) / 1000).toFixed(1);
  console.log(`${r.file}: ${(r.bytes / 1e6).toFixed(0)} MB, ${r.nodes} nodes, ${r.edges} edges, ${r.strings} strings (${s} s)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main(process.argv.slice(2));
