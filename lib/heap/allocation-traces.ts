// Allocation stacks recorded by V8's allocation tracker
// (`HeapProfiler.startTrackingHeapObjects({ trackAllocations: true })`). A snapshot taken
// while tracking carries `trace_function_infos` (one row per function), `trace_tree` (the
// call tree, nested `[id, function_info_index, count, size, [children…]]`) and a per-node
// `trace_node_id` (0: allocated before tracking began, or moved off its trace).
//
// What Chromium 156 writes, checked against real pages (see test/browser/allocation-sites.test.ts):
// - `line` and `column` are 1-based (0 means unknown) and name the function's *start*,
//   i.e. the `(` of its parameter list, not the statement that allocated.
// - For a classic inline `<script>` they are document positions (the script's start
//   offset already added), like `Debugger.scriptParsed` positions plus one.
// - `new C()` charges the new object to the *caller* (the function containing `new`): the
//   construct stub allocates before C's own frame exists.
import { HeapSnapshotError } from './errors.js';
import type { HeapSnapshot } from './snapshot.js';

export interface TraceFunction {
  /** V8's SharedFunctionInfo id: equal across trace nodes that run the same function. */
  functionId: number;
  /** Empty for anonymous functions; `(root)` and `(V8 API)` for V8's synthetic frames. */
  name: string;
  /** The script's URL; empty for builtins and for scripts without one. */
  scriptName: string;
  /** The script id as `Debugger.scriptParsed` reports it; 0 for builtins. */
  scriptId: number;
  /** 1-based; 0 when unknown. */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
}

export interface AllocationTraces {
  functions: TraceFunction[];
  /** How many trace nodes the tree has. */
  readonly size: number;
  /** Function indices from the allocating function outwards (innermost first); [] for unknown ids. */
  stack(traceNodeId: number): number[];
}

/** `(root)`: the tree's root, not a frame. */
export const TRACE_ROOT_NAME = '(root)';

/**
 * Decodes the allocation trace sections, or returns null when the snapshot has none
 * (taken without allocation tracking). Throws HeapSnapshotError when they are malformed.
 */
export function decodeAllocationTraces(s: HeapSnapshot): AllocationTraces | null {
  const infos = s.traceFunctionInfos;
  const fields = s.meta.trace_function_info_fields;
  if (!infos || infos.length === 0 || !fields || !Array.isArray(s.traceTree)) return null;
  const functions = decodeFunctions(s, infos, fields);

  const nodeFields = s.meta.trace_node_fields ?? ['id', 'function_info_index', 'count', 'size', 'children'];
  const width = nodeFields.length;
  const idAt = nodeFields.indexOf('id');
  const fnAt = nodeFields.indexOf('function_info_index');
  const childrenAt = nodeFields.indexOf('children');
  if (idAt < 0 || fnAt < 0 || childrenAt < 0) throw new HeapSnapshotError('snapshot.meta.trace_node_fields lacks id, function_info_index or children');

  // Trace node id → slot; per slot its function and its parent's slot. Iterative walk:
  // recursive page code gives trees far deeper than the JS call stack allows.
  const slotOf = new Map<number, number>();
  const fnOf: number[] = [];
  const parentOf: number[] = [];
  const work: { list: unknown[]; parent: number }[] = [{ list: s.traceTree as unknown[], parent: -1 }];
  while (work.length) {
    const { list, parent } = work.pop()!;
    if (list.length % width !== 0) throw new HeapSnapshotError(`trace_tree: a children list of ${list.length} values is not a multiple of ${width}`);
    for (let k = 0; k < list.length; k += width) {
      const id = list[k + idAt];
      const fn = list[k + fnAt];
      const children = list[k + childrenAt];
      if (typeof id !== 'number' || typeof fn !== 'number' || !Array.isArray(children)) {
        throw new HeapSnapshotError(`trace_tree: malformed node at position ${k} of its list`);
      }
      if (fn < 0 || fn >= functions.length) throw new HeapSnapshotError(`trace_tree node ${id} names function ${fn}, out of range`);
      const slot = fnOf.length;
      slotOf.set(id, slot);
      fnOf.push(fn);
      parentOf.push(parent);
      if (children.length) work.push({ list: children, parent: slot });
    }
  }
  const root = functions.findIndex((f) => f.name === TRACE_ROOT_NAME && f.scriptId === 0);

  return {
    functions,
    size: fnOf.length,
    stack(traceNodeId: number): number[] {
      const out: number[] = [];
      let slot = slotOf.get(traceNodeId) ?? -1;
      while (slot >= 0) {
        if (fnOf[slot] !== root) out.push(fnOf[slot]);
        slot = parentOf[slot];
      }
      return out;
    },
  };
}

function decodeFunctions(s: HeapSnapshot, infos: Float64Array, fields: string[]): TraceFunction[] {
  const width = fields.length;
  const at = (name: string) => fields.indexOf(name);
  const [fid, name, scriptName, scriptId, line, column] = [
    at('function_id'), at('name'), at('script_name'), at('script_id'), at('line'), at('column'),
  ];
  if (width === 0 || name < 0) throw new HeapSnapshotError('snapshot.meta.trace_function_info_fields lacks name');
  if (infos.length % width !== 0) throw new HeapSnapshotError(`trace_function_infos has ${infos.length} values, not a multiple of ${width}`);
  const str = (i: number) => (i >= 0 ? (s.string(i) ?? '') : '');
  const num = (row: number, field: number) => (field >= 0 ? infos[row + field] : 0);
  const out: TraceFunction[] = [];
  for (let row = 0; row < infos.length; row += width) {
    out.push({
      functionId: num(row, fid),
      name: str(infos[row + name]),
      scriptName: scriptName >= 0 ? str(infos[row + scriptName]) : '',
      scriptId: num(row, scriptId),
      line: num(row, line),
      column: num(row, column),
    });
  }
  return out;
}
