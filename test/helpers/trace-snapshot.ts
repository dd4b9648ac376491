// Adds allocation-tracking sections (trace_node_id per node, trace_function_infos,
// trace_tree) to a SnapshotBuilder's output, in the layout Chromium 156 writes while
// `HeapProfiler.startTrackingHeapObjects({ trackAllocations: true })` is on.
import type { SnapshotBuilder } from './snapshot-builder.js';

export interface TraceFunctionSpec {
  name: string;
  scriptName?: string;
  scriptId?: number;
  /** 1-based, as V8 writes them; 0 unknown. */
  line?: number;
  column?: number;
}

/** `[id, functionIndex, children]`; count and size are filled in. */
export type TraceNodeSpec = [number, number, TraceNodeSpec[]];

export interface TraceSpec {
  functions: TraceFunctionSpec[];
  tree: TraceNodeSpec[];
  /** Builder node index → trace node id (others get 0). */
  nodeTrace: Map<number, number>;
}

export function withAllocationTraces(b: SnapshotBuilder, spec: TraceSpec): string {
  const snap = JSON.parse(b.toJSON()) as {
    snapshot: { meta: { node_fields: string[]; node_types: unknown[] }; trace_function_count: number };
    nodes: number[];
    edges: number[];
    trace_function_infos: number[];
    trace_tree: unknown[];
    strings: string[];
  };
  const meta = snap.snapshot.meta;
  const oldWidth = meta.node_fields.length;
  // V8 puts trace_node_id before detachedness.
  const at = meta.node_fields.indexOf('detachedness');
  meta.node_fields.splice(at, 0, 'trace_node_id');
  meta.node_types.splice(at, 0, 'number');
  const width = oldWidth + 1;
  const nodes: number[] = [];
  for (let i = 0; i * oldWidth < snap.nodes.length; i++) {
    const row = snap.nodes.slice(i * oldWidth, (i + 1) * oldWidth);
    row.splice(at, 0, spec.nodeTrace.get(i) ?? 0);
    nodes.push(...row);
  }
  snap.nodes = nodes;
  for (let e = 2; e < snap.edges.length; e += 3) snap.edges[e] = (snap.edges[e] / oldWidth) * width;
  const str = (s: string) => {
    const i = snap.strings.indexOf(s);
    return i >= 0 ? i : snap.strings.push(s) - 1;
  };
  snap.trace_function_infos = spec.functions.flatMap((f, i) => [
    i + 1, str(f.name), str(f.scriptName ?? ''), f.scriptId ?? 0, f.line ?? 0, f.column ?? 0,
  ]);
  snap.snapshot.trace_function_count = spec.functions.length;
  snap.trace_tree = ['@TREE@'];
  return JSON.stringify(snap).replace('["@TREE@"]', treeText(spec.tree));
}

/** Iterative, so that trees as deep as a real recursion's fit in the test's stack. */
function treeText(tree: TraceNodeSpec[]): string {
  const out: string[] = [];
  const work: (TraceNodeSpec[] | string)[] = [tree];
  while (work.length) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    out.push('[');
    const parts: (TraceNodeSpec[] | string)[] = [];
    item.forEach(([id, fn, children], k) => parts.push(`${k ? ',' : ''}${id},${fn},1,16,`, children));
    parts.push(']');
    for (let k = parts.length - 1; k >= 0; k--) work.push(parts[k]);
  }
  return out.join('');
}
