// objgraph's show_backrefs as data: the retainers of some objects, breadth-first up to a
// depth, with objects that have too many retainers cut down to a few and a "+N more" node.
// Pure: the snapshot and the caller's choices in, a small graph out; DOT is another step.
import { edgeLabel } from './edge-label.js';
import type { HeapSnapshot } from '../heap/snapshot.js';

export type BackrefsNodeKind = 'target' | 'root' | 'object' | 'more';

export interface BackrefsNode {
  /** Unique, DOT-safe key (`n<index>`, `more<index>`). */
  key: string;
  /** Node index in the snapshot; null for "+N more" nodes. */
  node: number | null;
  kind: BackrefsNodeKind;
  /** Label lines, as the caller's `describe` gave them (or `+N more`). */
  lines: string[];
  /** It has retainers the depth limit kept out of the graph. */
  cutByDepth: boolean;
}

export interface BackrefsEdge {
  from: string;
  to: string;
  label: string;
}

export interface BackrefsGraph {
  nodes: BackrefsNode[];
  edges: BackrefsEdge[];
}

export interface BackrefsOptions {
  /** Levels of retainers above the targets (objgraph's max_depth). */
  maxDepth: number;
  /** Retainers shown per object before the rest become one "+N more" node (objgraph's too_many). */
  tooMany: number;
  /** Per edge: nonzero = leave out (weak references, leakhound's own footprint). */
  skipEdge?: Uint8Array;
  /** Per node: distance from a root; closer retainers are shown first when cutting. */
  distance?: Uint32Array;
  /** Objects whose retainers are not explored (chain starts: windows, GC roots). */
  isRoot?: (node: number) => boolean;
  /** Label lines of one object. */
  describe: (node: number) => string[];
}

export function collectBackrefs(s: HeapSnapshot, targets: readonly number[], opts: BackrefsOptions): BackrefsGraph {
  const { firstRetainer, retainerEdge } = s.retainers;
  const retainerOf = (r: number) => s.edgeFrom(retainerEdge[r]);
  const skip = opts.skipEdge;
  const distance = opts.distance;
  const nodes: BackrefsNode[] = [];
  const edges: BackrefsEdge[] = [];
  const keyOf = new Map<number, BackrefsNode>();
  const add = (node: number, kind: BackrefsNodeKind): BackrefsNode => {
    const n: BackrefsNode = { key: `n${node}`, node, kind, lines: opts.describe(node), cutByDepth: false };
    keyOf.set(node, n);
    nodes.push(n);
    return n;
  };

  let level: number[] = [];
  for (const t of targets) {
    if (keyOf.has(t)) continue;
    add(t, 'target');
    level.push(t);
  }
  for (let depth = 0; level.length > 0; depth++) {
    const next: number[] = [];
    for (const v of level) {
      const self = keyOf.get(v)!;
      if (self.kind === 'root' || (self.kind === 'target' && opts.isRoot?.(v))) continue;
      const slots: number[] = [];
      for (let r = firstRetainer[v], end = firstRetainer[v + 1]; r < end; r++) {
        if (!skip || !skip[retainerEdge[r]]) slots.push(r);
      }
      if (slots.length === 0) continue;
      if (depth >= opts.maxDepth) {
        self.cutByDepth = true;
        continue;
      }
      if (distance) slots.sort((x, y) => distance[retainerOf(x)] - distance[retainerOf(y)] || x - y);
      const shown = slots.slice(0, opts.tooMany);
      for (const r of shown) {
        const from = retainerOf(r);
        let n = keyOf.get(from);
        if (!n) {
          n = add(from, opts.isRoot?.(from) ? 'root' : 'object');
          next.push(from);
        }
        const e = retainerEdge[r];
        edges.push({ from: n.key, to: self.key, label: edgeLabel(s.edgeTypeName(e), s.edgeName(e)) });
      }
      const rest = slots.length - shown.length;
      if (rest > 0) {
        const more: BackrefsNode = { key: `more${v}`, node: null, kind: 'more', lines: [`+${rest} more`], cutByDepth: false };
        nodes.push(more);
        edges.push({ from: more.key, to: self.key, label: '' });
      }
    }
    level = next;
  }
  return { nodes, edges };
}
