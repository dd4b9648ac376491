// The in-memory heap model: one column (typed array) per node or edge field, with node and
// edge *indices* (not raw offsets) everywhere, so hot loops never multiply by field counts.
// Wrapper objects exist only at the API surface (see node-view.ts).

import { HeapSnapshotError } from './errors.js';
import { StringTable } from './string-table.js';

/** `snapshot.meta` exactly as V8 writes it. Field lists vary between Chrome versions. */
export interface SnapshotMeta {
  node_fields: string[];
  node_types: (string[] | string)[];
  edge_fields: string[];
  edge_types: (string[] | string)[];
  location_fields?: string[];
  trace_function_info_fields?: string[];
  trace_node_fields?: string[];
  sample_fields?: string[];
  [other: string]: unknown;
}

/** Where a function or object was created, from the optional `locations` section. */
export interface SourceLocation {
  scriptId: number;
  line: number;
  column: number;
}

/** Everything a parser produces; `HeapSnapshot` adds derived indexes on top. */
export interface HeapSnapshotData {
  meta: SnapshotMeta;
  nodeCount: number;
  edgeCount: number;
  /** Index into `nodeTypeNames`. */
  nodeType: Uint8Array;
  /** Index into `strings`. */
  nodeName: Uint32Array;
  nodeId: Uint32Array;
  nodeSelfSize: Float64Array;
  /** Edges of node i are `firstEdge[i] .. firstEdge[i+1]-1`; length nodeCount+1. */
  firstEdge: Uint32Array;
  /** 0 unknown, 1 attached, 2 detached (V8's `detachedness`); all 0 when the field is absent. */
  nodeDetachedness: Uint8Array;
  /** Allocation trace node id per node, when the snapshot has `trace_node_id`; else null. */
  nodeTraceId: Uint32Array | null;
  /** Index into `edgeTypeNames`. */
  edgeType: Uint8Array;
  /** String index for named edges, the element index for `element`/`hidden` edges. */
  edgeNameOrIndex: Uint32Array;
  /** Target node *index*. */
  edgeTo: Uint32Array;
  /** The string table: decoded strings, or the parser's table that decodes on first use. */
  strings: string[] | StringTable;
  rootIndex: number;
  /** Raw optional sections, kept as V8 wrote them (flat number arrays) when present. */
  locations: Int32Array | null;
  traceFunctionInfos: Float64Array | null;
  samples: Float64Array | null;
  /** `trace_tree` is nested JSON; kept as parsed. */
  traceTree: unknown;
}

export const NO_NODE = 0xffffffff;

/**
 * A parsed heap snapshot. Immutable after construction; derived indexes (retainers,
 * node-id lookup, locations) are computed on first use and cached on the instance,
 * so two snapshots never share state.
 */
export class HeapSnapshot {
  readonly meta: SnapshotMeta;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Uint32Array;
  readonly nodeSelfSize: Float64Array;
  readonly firstEdge: Uint32Array;
  readonly nodeDetachedness: Uint8Array;
  readonly nodeTraceId: Uint32Array | null;
  readonly edgeType: Uint8Array;
  readonly edgeNameOrIndex: Uint32Array;
  readonly edgeTo: Uint32Array;
  /** Decodes strings on first use; prefer `string(i)` and `stringCount` to `strings`. */
  readonly stringTable: StringTable;
  readonly rootIndex: number;
  readonly locations: Int32Array | null;
  readonly traceFunctionInfos: Float64Array | null;
  readonly samples: Float64Array | null;
  readonly traceTree: unknown;

  readonly nodeTypeNames: readonly string[];
  readonly edgeTypeNames: readonly string[];
  /** Node type ids, -1 when this snapshot's meta lacks the type. */
  readonly types: Readonly<Record<NodeTypeName, number>>;
  readonly edgeTypes: Readonly<Record<EdgeTypeName, number>>;

  #retainers: Retainers | undefined;
  #idIndex: Map<number, number> | undefined;
  #locationByNode: Map<number, SourceLocation> | undefined;
  #gcRootsIndex: number | undefined;

  constructor(data: HeapSnapshotData) {
    this.meta = data.meta;
    this.nodeCount = data.nodeCount;
    this.edgeCount = data.edgeCount;
    this.nodeType = data.nodeType;
    this.nodeName = data.nodeName;
    this.nodeId = data.nodeId;
    this.nodeSelfSize = data.nodeSelfSize;
    this.firstEdge = data.firstEdge;
    this.nodeDetachedness = data.nodeDetachedness;
    this.nodeTraceId = data.nodeTraceId;
    this.edgeType = data.edgeType;
    this.edgeNameOrIndex = data.edgeNameOrIndex;
    this.edgeTo = data.edgeTo;
    this.stringTable = data.strings instanceof StringTable ? data.strings : StringTable.fromArray(data.strings);
    this.rootIndex = data.rootIndex;
    this.locations = data.locations;
    this.traceFunctionInfos = data.traceFunctionInfos;
    this.samples = data.samples;
    this.traceTree = data.traceTree;

    this.nodeTypeNames = enumList(data.meta.node_fields, data.meta.node_types, 'type', 'node');
    this.edgeTypeNames = enumList(data.meta.edge_fields, data.meta.edge_types, 'type', 'edge');
    this.types = indexOfAll(this.nodeTypeNames, NODE_TYPE_NAMES);
    this.edgeTypes = indexOfAll(this.edgeTypeNames, EDGE_TYPE_NAMES);
  }

  /**
   * Every string, decoded. Decoding them all costs time and memory that most analyses do
   * not need; `string(i)` decodes one.
   */
  get strings(): string[] {
    return this.stringTable.all();
  }

  /** String i of the table, or undefined past its end. */
  string(i: number): string | undefined {
    return this.stringTable.get(i);
  }

  get stringCount(): number {
    return this.stringTable.length;
  }

  // ---- node accessors (by node index) ----

  typeName(node: number): string {
    return this.nodeTypeNames[this.nodeType[node]] ?? 'unknown';
  }

  name(node: number): string {
    return this.stringTable.get(this.nodeName[node]) ?? '';
  }

  id(node: number): number {
    return this.nodeId[node];
  }

  selfSize(node: number): number {
    return this.nodeSelfSize[node];
  }

  edgeCountOf(node: number): number {
    return this.firstEdge[node + 1] - this.firstEdge[node];
  }

  isDetached(node: number): boolean {
    return this.nodeDetachedness[node] === 2;
  }

  // ---- edge accessors (by edge index) ----

  edgeTypeName(edge: number): string {
    return this.edgeTypeNames[this.edgeType[edge]] ?? 'unknown';
  }

  /** Element/hidden edges are named by their numeric index; all others by a string. */
  edgeName(edge: number): string {
    const t = this.edgeType[edge];
    const v = this.edgeNameOrIndex[edge];
    if (t === this.edgeTypes.element || t === this.edgeTypes.hidden) return String(v);
    return this.stringTable.get(v) ?? String(v);
  }

  /** The target of `node`'s first named (non-indexed) edge called `name`, or -1. */
  childByEdgeName(node: number, name: string): number {
    const { element, hidden } = this.edgeTypes;
    for (let e = this.firstEdge[node], end = this.firstEdge[node + 1]; e < end; e++) {
      const t = this.edgeType[e];
      if (t === element || t === hidden) continue;
      if (this.stringTable.get(this.edgeNameOrIndex[e]) === name) return this.edgeTo[e];
    }
    return -1;
  }

  /** The node that owns an edge (binary search over `firstEdge`). */
  edgeFrom(edge: number): number {
    let lo = 0;
    let hi = this.nodeCount - 1;
    const fe = this.firstEdge;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (fe[mid] <= edge) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // ---- derived indexes ----

  /** `(GC roots)`: the synthetic root's child of that name, or the root itself for odd snapshots. */
  get gcRootsIndex(): number {
    if (this.#gcRootsIndex === undefined) {
      let found = this.rootIndex;
      for (let e = this.firstEdge[this.rootIndex]; e < this.firstEdge[this.rootIndex + 1]; e++) {
        const to = this.edgeTo[e];
        if (this.name(to) === '(GC roots)') {
          found = to;
          break;
        }
      }
      this.#gcRootsIndex = found;
    }
    return this.#gcRootsIndex;
  }

  /** Reverse edges in CSR form; built once, O(nodes + edges). */
  get retainers(): Retainers {
    if (!this.#retainers) this.#retainers = buildRetainers(this);
    return this.#retainers;
  }

  /** Node index for a snapshot node id, or -1. */
  nodeIndexById(id: number): number {
    if (!this.#idIndex) {
      const m = new Map<number, number>();
      const ids = this.nodeId;
      for (let i = 0; i < this.nodeCount; i++) m.set(ids[i], i);
      this.#idIndex = m;
    }
    return this.#idIndex.get(id) ?? -1;
  }

  /** Source location of a node (closures and objects) when the snapshot has `locations`. */
  location(node: number): SourceLocation | undefined {
    if (!this.locations) return undefined;
    if (!this.#locationByNode) {
      const m = new Map<number, SourceLocation>();
      const fields = this.meta.location_fields ?? ['object_index', 'script_id', 'line', 'column'];
      const width = fields.length;
      const oi = fields.indexOf('object_index');
      const si = fields.indexOf('script_id');
      const li = fields.indexOf('line');
      const ci = fields.indexOf('column');
      const nodeWidth = this.meta.node_fields.length;
      const loc = this.locations;
      for (let k = 0; k + width <= loc.length; k += width) {
        m.set(loc[k + oi] / nodeWidth, { scriptId: loc[k + si], line: loc[k + li], column: loc[k + ci] });
      }
      this.#locationByNode = m;
    }
    return this.#locationByNode.get(node);
  }
}

export interface Retainers {
  /** Retainers of node i are `firstRetainer[i] .. firstRetainer[i+1]-1`. */
  firstRetainer: Uint32Array;
  /**
   * The retaining edge's index; its owner (`snapshot.edgeFrom(edge)`) is the retainer. No
   * per-edge owner array is kept: it would cost 4 bytes an edge (52 MB for 13 M edges) for
   * lookups that only per-object queries make.
   */
  retainerEdge: Uint32Array;
}

function buildRetainers(s: HeapSnapshot): Retainers {
  const n = s.nodeCount;
  const m = s.edgeCount;
  const firstRetainer = new Uint32Array(n + 1);
  const retainerEdge = new Uint32Array(m);
  const edgeTo = s.edgeTo;
  // Counts, then start offsets; the fill advances each start to its end, i.e. to the next
  // node's start, and one shift puts them back. No second n-sized cursor array.
  for (let e = 0; e < m; e++) firstRetainer[edgeTo[e]]++;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = firstRetainer[i];
    firstRetainer[i] = start;
    start += c;
  }
  const fe = s.firstEdge;
  for (let node = 0; node < n; node++) {
    const end = fe[node + 1];
    for (let e = fe[node]; e < end; e++) {
      const slot = firstRetainer[edgeTo[e]]++;
      retainerEdge[slot] = e;
    }
  }
  firstRetainer.copyWithin(1, 0, n);
  firstRetainer[0] = 0;
  return { firstRetainer, retainerEdge };
}

export const NODE_TYPE_NAMES = [
  'hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native',
  'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape',
] as const;
export type NodeTypeName = (typeof NODE_TYPE_NAMES)[number];

export const EDGE_TYPE_NAMES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'] as const;
export type EdgeTypeName = (typeof EDGE_TYPE_NAMES)[number];

function enumList(fields: string[], types: (string[] | string)[], field: string, what: string): string[] {
  const i = fields.indexOf(field);
  const list = i >= 0 ? types[i] : undefined;
  if (!Array.isArray(list)) throw new HeapSnapshotError(`snapshot.meta has no ${what} type list`);
  return list;
}

function indexOfAll<K extends string>(list: readonly string[], keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = list.indexOf(k);
  return out;
}
