// Writes small heap snapshots in V8's real on-disk format (meta, nodes, edges, strings,
// optional sections) for unit tests of the engine, in the spirit of DevTools' own
// HeapSnapshotBuilder. The layout matches Chromium 156: six node fields incl. detachedness.

export type NodeType =
  | 'hidden' | 'array' | 'string' | 'object' | 'code' | 'closure' | 'regexp' | 'number' | 'native'
  | 'synthetic' | 'concatenated string' | 'sliced string' | 'symbol' | 'bigint' | 'object shape';
export type EdgeType = 'context' | 'element' | 'property' | 'internal' | 'hidden' | 'shortcut' | 'weak';

const NODE_TYPES: NodeType[] = [
  'hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native',
  'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape',
];
const EDGE_TYPES: EdgeType[] = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

export interface NodeSpec {
  type?: NodeType;
  name: string;
  selfSize?: number;
  id?: number;
  /** 0 unknown, 1 attached, 2 detached. */
  detachedness?: number;
}

interface BuiltNode extends Required<NodeSpec> {
  edges: { type: EdgeType; nameOrIndex: string | number; to: number }[];
}

export class SnapshotBuilder {
  private nodes: BuiltNode[] = [];
  private nextId = 1;
  /** Node index of the synthetic root. */
  readonly root: number;
  /** Node index of `(GC roots)`. */
  readonly gcRoots: number;
  extraSections: Record<string, unknown> = {};
  locations: number[][] = [];

  constructor(opts: { withGcRoots?: boolean } = {}) {
    this.root = this.node({ type: 'synthetic', name: '' });
    this.gcRoots = opts.withGcRoots === false ? this.root : this.node({ type: 'synthetic', name: '(GC roots)' });
    if (this.gcRoots !== this.root) this.edge(this.root, this.gcRoots, 'element', 1);
  }

  node(spec: NodeSpec): number {
    const id = spec.id ?? this.nextId;
    this.nextId = Math.max(this.nextId, id) + 2;
    this.nodes.push({
      type: spec.type ?? 'object',
      name: spec.name,
      selfSize: spec.selfSize ?? 16,
      id,
      detachedness: spec.detachedness ?? 0,
      edges: [],
    });
    return this.nodes.length - 1;
  }

  edge(from: number, to: number, type: EdgeType, nameOrIndex: string | number): this {
    this.nodes[from].edges.push({ type, nameOrIndex, to });
    return this;
  }

  /** A property edge, the most common kind. */
  prop(from: number, name: string, to: number): this {
    return this.edge(from, to, 'property', name);
  }

  /** A named synthetic root under `(GC roots)`, like `(Global handles)`. */
  rootGroup(name: string): number {
    const g = this.node({ type: 'synthetic', name });
    this.edge(this.gcRoots, g, 'element', this.nodes[this.gcRoots].edges.length + 1);
    return g;
  }

  /** Records a source location for a node (closures, objects). */
  location(node: number, scriptId: number, line: number, column: number): this {
    this.locations.push([node, scriptId, line, column]);
    return this;
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  idOf(node: number): number {
    return this.nodes[node].id;
  }

  /** The snapshot as V8 would write it. `pretty` mimics DevTools' line-per-record layout. */
  toJSON(): string {
    const strings: string[] = ['<dummy>'];
    const index = new Map<string, number>();
    const str = (s: string): number => {
      let i = index.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        index.set(s, i);
      }
      return i;
    };
    const NF = 6;
    const nodes: number[] = [];
    const edges: number[] = [];
    let edgeCount = 0;
    for (const n of this.nodes) {
      nodes.push(NODE_TYPES.indexOf(n.type), str(n.name), n.id, n.selfSize, n.edges.length, n.detachedness);
      for (const e of n.edges) {
        const numeric = e.type === 'element' || e.type === 'hidden';
        edges.push(
          EDGE_TYPES.indexOf(e.type),
          numeric ? Number(e.nameOrIndex) : str(String(e.nameOrIndex)),
          e.to * NF,
        );
        edgeCount++;
      }
    }
    const meta = {
      node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'],
      node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number'],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
      trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
      trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
      sample_fields: ['timestamp_us', 'last_assigned_id'],
      location_fields: ['object_index', 'script_id', 'line', 'column'],
    };
    const locations = this.locations.flatMap(([node, s, l, c]) => [node * NF, s, l, c]);
    const parts = [
      `{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${this.nodes.length},"edge_count":${edgeCount},"trace_function_count":0},`,
      `"nodes":[${rows(nodes, NF)}],`,
      `"edges":[${rows(edges, 3)}],`,
      `"trace_function_infos":[],"trace_tree":[],"samples":[],`,
      `"locations":[${rows(locations, 4)}],`,
    ];
    for (const [k, v] of Object.entries(this.extraSections)) parts.push(`${JSON.stringify(k)}:${JSON.stringify(v)},`);
    parts.push(`"strings":[${strings.map((s) => JSON.stringify(s)).join(',\n')}]}`);
    return parts.join('\n');
  }
}

function rows(values: number[], width: number): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; i += width) out.push(values.slice(i, i + width).join(','));
  return out.join(',\n');
}
