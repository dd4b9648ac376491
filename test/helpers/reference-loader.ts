// An obviously-correct (and slow) loader built on JSON.parse: the oracle that the streaming
// parser is checked against, and a way to unit-test analyses on builder output.
import { HeapSnapshot, type SnapshotMeta } from '../../lib/heap/snapshot.js';

export function loadWithJsonParse(text: string): HeapSnapshot {
  const raw = JSON.parse(text);
  const meta: SnapshotMeta = raw.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const nodeCount: number = raw.snapshot.node_count ?? raw.nodes.length / nf;
  const edgeCount: number = raw.snapshot.edge_count ?? raw.edges.length / ef;
  const f = (name: string) => meta.node_fields.indexOf(name);
  const g = (name: string) => meta.edge_fields.indexOf(name);
  const nodeType = new Uint8Array(nodeCount);
  const nodeName = new Uint32Array(nodeCount);
  const nodeId = new Uint32Array(nodeCount);
  const nodeSelfSize = new Float64Array(nodeCount);
  const firstEdge = new Uint32Array(nodeCount + 1);
  const nodeDetachedness = new Uint8Array(nodeCount);
  const hasTrace = f('trace_node_id') >= 0;
  const nodeTraceId = hasTrace ? new Uint32Array(nodeCount) : null;
  for (let i = 0; i < nodeCount; i++) {
    const o = i * nf;
    nodeType[i] = raw.nodes[o + f('type')];
    nodeName[i] = raw.nodes[o + f('name')];
    nodeId[i] = raw.nodes[o + f('id')];
    nodeSelfSize[i] = raw.nodes[o + f('self_size')];
    firstEdge[i + 1] = firstEdge[i] + raw.nodes[o + f('edge_count')];
    if (f('detachedness') >= 0) nodeDetachedness[i] = raw.nodes[o + f('detachedness')];
    if (nodeTraceId) nodeTraceId[i] = raw.nodes[o + f('trace_node_id')];
  }
  const edgeType = new Uint8Array(edgeCount);
  const edgeNameOrIndex = new Uint32Array(edgeCount);
  const edgeTo = new Uint32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const o = e * ef;
    edgeType[e] = raw.edges[o + g('type')];
    edgeNameOrIndex[e] = raw.edges[o + g('name_or_index')];
    edgeTo[e] = raw.edges[o + g('to_node')] / nf;
  }
  return new HeapSnapshot({
    meta,
    nodeCount,
    edgeCount,
    nodeType,
    nodeName,
    nodeId,
    nodeSelfSize,
    firstEdge,
    nodeDetachedness,
    nodeTraceId,
    edgeType,
    edgeNameOrIndex,
    edgeTo,
    strings: raw.strings,
    rootIndex: (raw.snapshot.root_index ?? 0) / nf,
    locations: raw.locations ? Int32Array.from(raw.locations) : null,
    traceFunctionInfos: raw.trace_function_infos ? Float64Array.from(raw.trace_function_infos) : null,
    samples: raw.samples ? Float64Array.from(raw.samples) : null,
    traceTree: raw.trace_tree ?? null,
  });
}
