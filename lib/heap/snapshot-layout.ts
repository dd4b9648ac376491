// Turns the `snapshot` header into what the byte scanner needs: which column each node and
// edge field is written to, how many rows to allocate, how many type ids are valid. Field
// order and extra fields differ between Chrome versions, so nothing here assumes offsets.
import { HeapSnapshotError } from './errors.js';
import type { SnapshotMeta } from './snapshot.js';

/** Where a node field's numbers go. */
export const NF_SKIP = 0;
export const NF_TYPE = 1;
export const NF_NAME = 2;
export const NF_ID = 3;
export const NF_SELF_SIZE = 4;
export const NF_EDGE_COUNT = 5;
export const NF_DETACHEDNESS = 6;
export const NF_TRACE_ID = 7;

/** Where an edge field's numbers go. */
export const EF_SKIP = 0;
export const EF_TYPE = 1;
export const EF_NAME = 2;
export const EF_TO = 3;

export interface SnapshotLayout {
  meta: SnapshotMeta;
  nodeFieldCount: number;
  edgeFieldCount: number;
  /** Per node field, one of the NF_* roles. */
  nodeRoles: Uint8Array;
  /** Per edge field, one of the EF_* roles. */
  edgeRoles: Uint8Array;
  nodeTypeCount: number;
  edgeTypeCount: number;
  /** Edge type ids whose `name_or_index` is a number rather than a string index. */
  numericEdgeTypes: Uint8Array;
  /** -1 when the header does not say (then the columns grow as the arrays are read). */
  nodeCount: number;
  edgeCount: number;
  /** `root_index` as a node offset (V8 writes none today: the root is node 0). */
  rootOffset: number;
  hasDetachedness: boolean;
  hasTraceId: boolean;
}

const REQUIRED_NODE_FIELDS: [string, number][] = [
  ['type', NF_TYPE],
  ['name', NF_NAME],
  ['id', NF_ID],
  ['self_size', NF_SELF_SIZE],
  ['edge_count', NF_EDGE_COUNT],
];
const OPTIONAL_NODE_FIELDS: [string, number][] = [
  ['detachedness', NF_DETACHEDNESS],
  ['trace_node_id', NF_TRACE_ID],
];
const REQUIRED_EDGE_FIELDS: [string, number][] = [
  ['type', EF_TYPE],
  ['name_or_index', EF_NAME],
  ['to_node', EF_TO],
];

export function readLayout(header: unknown): SnapshotLayout {
  if (!isObject(header)) throw notSnapshot('the "snapshot" section is not an object');
  const meta = header.meta;
  if (!isObject(meta)) throw notSnapshot('"snapshot" has no "meta"');
  const nodeFields = stringList(meta.node_fields, 'node_fields');
  const edgeFields = stringList(meta.edge_fields, 'edge_fields');
  const nodeRoles = roles(nodeFields, REQUIRED_NODE_FIELDS, OPTIONAL_NODE_FIELDS, 'node_fields');
  const edgeRoles = roles(edgeFields, REQUIRED_EDGE_FIELDS, [], 'edge_fields');
  const nodeTypes = typeList(meta.node_types, nodeFields.indexOf('type'), 'node_types');
  const edgeTypes = typeList(meta.edge_types, edgeFields.indexOf('type'), 'edge_types');
  const numericEdgeTypes = new Uint8Array(edgeTypes.length);
  for (let t = 0; t < edgeTypes.length; t++) {
    // Element and hidden edges carry an index, not a name (DevTools does the same).
    numericEdgeTypes[t] = edgeTypes[t] === 'element' || edgeTypes[t] === 'hidden' ? 1 : 0;
  }
  const nodeCount = count(header.node_count, 'node_count');
  const edgeCount = count(header.edge_count, 'edge_count');
  const rootOffset = count(header.root_index, 'root_index');
  if (rootOffset > 0 && rootOffset % nodeFields.length !== 0) {
    throw new HeapSnapshotError(`snapshot.root_index ${rootOffset} is not a multiple of the ${nodeFields.length} node fields`);
  }
  return {
    meta: meta as unknown as SnapshotMeta,
    nodeFieldCount: nodeFields.length,
    edgeFieldCount: edgeFields.length,
    nodeRoles,
    edgeRoles,
    nodeTypeCount: nodeTypes.length,
    edgeTypeCount: edgeTypes.length,
    numericEdgeTypes,
    nodeCount,
    edgeCount,
    rootOffset: Math.max(rootOffset, 0),
    hasDetachedness: nodeFields.includes('detachedness'),
    hasTraceId: nodeFields.includes('trace_node_id'),
  };
}

function roles(fields: string[], required: [string, number][], optional: [string, number][], what: string): Uint8Array {
  const out = new Uint8Array(fields.length);
  for (const [name, role] of required) {
    const i = fields.indexOf(name);
    if (i < 0) throw notSnapshot(`snapshot.meta.${what} lacks "${name}"`);
    out[i] = role;
  }
  for (const [name, role] of optional) {
    const i = fields.indexOf(name);
    if (i >= 0) out[i] = role;
  }
  return out;
}

function stringList(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string')) {
    throw notSnapshot(`snapshot.meta.${what} is not a list of field names`);
  }
  return v;
}

function typeList(v: unknown, typeField: number, what: string): string[] {
  const list = Array.isArray(v) ? v[typeField] : undefined;
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
    throw notSnapshot(`snapshot.meta.${what} has no list of type names`);
  }
  // Type ids are stored in Uint8Array columns.
  if (list.length > 256) throw new HeapSnapshotError(`snapshot.meta.${what} lists ${list.length} types (at most 256 supported)`);
  return list;
}

/** A non-negative integer header field, or -1 when absent. */
function count(v: unknown, what: string): number {
  if (v === undefined || v === null) return -1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xfffffffe) {
    throw new HeapSnapshotError(`snapshot.${what} is not a valid count: ${JSON.stringify(v)}`);
  }
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function notSnapshot(why: string): HeapSnapshotError {
  return new HeapSnapshotError(`not a V8 heap snapshot: ${why}`);
}
