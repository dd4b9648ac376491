// Plain-object views of single nodes and their edges, for the API surface (the CLI's `at`
// verb, reports). Created on demand; nothing in the engine's hot loops uses them.

import { className } from './class-names.js';
import type { Dominators } from './dominators.js';
import { NO_DISTANCE, type RetainerPaths } from './paths.js';
import type { HeapSnapshot } from './snapshot.js';

export interface NodeView {
  id: number;
  index: number;
  className: string;
  type: string;
  name: string;
  selfSize: number;
  edgeCount: number;
  detached: boolean;
  /** Present when dominators were given. */
  retainedSize?: number;
  /** Edges from the chain start; present when paths were given and a chain exists. */
  distance?: number;
}

export interface EdgeView {
  edge: number;
  edgeType: string;
  edgeName: string;
  node: NodeView;
  /** Why the internals filter skips this edge, when paths with a filter were given. */
  skippedBecause?: string;
}

export interface ViewContext {
  dominators?: Dominators;
  paths?: RetainerPaths;
  /** From `propagateDetachedness`, to name inner parts of detached trees. */
  detachedness?: Uint8Array;
}

export function nodeView(s: HeapSnapshot, node: number, ctx: ViewContext = {}): NodeView {
  const det = ctx.detachedness ?? s.nodeDetachedness;
  const view: NodeView = {
    id: s.id(node),
    index: node,
    className: className(s, node, ctx.detachedness),
    type: s.typeName(node),
    name: s.name(node),
    selfSize: s.selfSize(node),
    edgeCount: s.edgeCountOf(node),
    detached: det[node] === 2,
  };
  if (ctx.dominators) view.retainedSize = ctx.dominators.retainedSize[node];
  if (ctx.paths && ctx.paths.distance[node] !== NO_DISTANCE) view.distance = ctx.paths.distance[node];
  return view;
}

function edgeView(s: HeapSnapshot, edge: number, other: number, ctx: ViewContext): EdgeView {
  const v: EdgeView = { edge, edgeType: s.edgeTypeName(edge), edgeName: s.edgeName(edge), node: nodeView(s, other, ctx) };
  const reason = ctx.paths?.filter?.reasonOf(edge);
  if (reason) v.skippedBecause = reason.reason;
  return v;
}

/** Outgoing edges, in snapshot order; `node` of each view is the edge's target. */
export function edgesOf(s: HeapSnapshot, node: number, ctx: ViewContext = {}): EdgeView[] {
  const out: EdgeView[] = [];
  for (let e = s.firstEdge[node]; e < s.firstEdge[node + 1]; e++) out.push(edgeView(s, e, s.edgeTo[e], ctx));
  return out;
}

/** Incoming edges; `node` of each view is the retainer. */
export function retainersOf(s: HeapSnapshot, node: number, ctx: ViewContext = {}): EdgeView[] {
  const { firstRetainer, retainerEdge } = s.retainers;
  const out: EdgeView[] = [];
  for (let r = firstRetainer[node]; r < firstRetainer[node + 1]; r++) {
    out.push(edgeView(s, retainerEdge[r], s.edgeFrom(retainerEdge[r]), ctx));
  }
  return out;
}
