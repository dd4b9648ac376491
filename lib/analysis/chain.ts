// Turns a BFS parent path into a LeakCanary-style leak trace: root first, one object per
// step, the edge to the next, and the suspect reference marked — the last reference the
// page's own code owns before the leaked objects begin.
import type { HeapSnapshot } from '../heap/snapshot.js';
import { NO_NODE } from '../heap/snapshot.js';
import { NO_DISTANCE, type RetainerPaths } from '../heap/paths.js';
import { describeRoot } from '../heap/roots.js';
import type { ChainStep } from './result.js';

/** Node indices from the chain's root down to `node` (inclusive); empty when unreachable. */
export function pathNodes(s: HeapSnapshot, paths: RetainerPaths, node: number): { nodes: number[]; edges: number[] } {
  const nodes: number[] = [];
  const edges: number[] = [];
  let cur = node;
  const guard = s.nodeCount;
  while (nodes.length <= guard) {
    nodes.push(cur);
    const e = paths.parentEdge[cur];
    if (e === NO_NODE) break;
    edges.push(e);
    cur = s.edgeFrom(e);
  }
  if (paths.distance[node] === NO_DISTANCE) return { nodes: [], edges: [] };
  nodes.reverse();
  edges.reverse();
  // The synthetic root and `(GC roots)` say nothing a page author can act on.
  while (nodes.length > 1 && (nodes[0] === s.rootIndex || nodes[0] === s.gcRootsIndex)) {
    nodes.shift();
    edges.shift();
  }
  return { nodes, edges };
}

export function buildChain(
  s: HeapSnapshot,
  paths: RetainerPaths,
  node: number,
  className: (node: number) => string,
  age: Uint8Array,
  fresh?: Uint8Array,
): ChainStep[] {
  const { nodes, edges } = pathNodes(s, paths, node);
  const steps: ChainStep[] = nodes.map((n, i) => ({
    nodeId: s.nodeId[n],
    className: stepName(s, n, className(n)),
    nodeType: s.typeName(n),
    edge: i < edges.length ? { name: s.edgeName(edges[i]), type: s.edgeTypeName(edges[i]) } : null,
    suspect: false,
    leaked: age[n] > 0,
  }));
  if (steps.length > 0) steps[0].rootKind = describeRoot(s, nodes[0]).kind;
  const suspect = suspectStep(s, nodes, edges, fresh ?? age);
  if (suspect >= 0) steps[suspect].suspect = true;
  return steps;
}

/**
 * Index of the step whose outgoing edge is the suspect. Start at the edge into the first
 * leaked object; if engine plumbing (internal/hidden edges, backing stores) leads there,
 * walk back to the nearest reference page code can name and clear: a property, a closure
 * variable, or an array slot of a JS object. With `fresh` (verdict-groups.ts#freshness),
 * a backing store reallocated as an old container grew is not the first leaked object: a
 * document-wide Blink vector high on the chain would put the suspect above the page's own
 * reference.
 */
function suspectStep(s: HeapSnapshot, nodes: number[], edges: number[], leakedMark: Uint8Array): number {
  let firstLeaked = nodes.findIndex((n) => leakedMark[n] > 0);
  if (firstLeaked <= 0) firstLeaked = nodes.length - 1;
  if (firstLeaked <= 0) return -1;
  const { property, context, element } = s.edgeTypes;
  const T = s.types;
  for (let i = firstLeaked - 1; i >= 0; i--) {
    const t = s.edgeType[edges[i]];
    const from = s.nodeType[nodes[i]];
    if (t === property || t === context) return i;
    if (t === element && (from === T.object || from === T.closure)) return i;
  }
  return firstLeaked - 1;
}

/**
 * A shape key for the chain to a leak's primary object: the path to the old object that
 * holds it (edge names with indices folded, class names without ids), then only the kind of
 * the last edge and the primary's class. Dictionary keys (`drafts['draft-7']`) differ per
 * iteration; the holder and the kind of hold do not.
 */
export function anchorShape(s: HeapSnapshot, nodes: number[], edges: number[], className: (n: number) => string): string {
  if (nodes.length < 2) return pathShape(s, nodes, edges, className);
  const last = edges.length - 1;
  return `${pathShape(s, nodes.slice(0, -1), edges.slice(0, -1), className)}-${s.edgeTypeName(edges[last])}->${normaliseClass(className(nodes[nodes.length - 1]))}`;
}

/** A shape key for a chain: edge kinds and names with indices folded, class names without ids. */
export function pathShape(s: HeapSnapshot, nodes: number[], edges: number[], className: (n: number) => string): string {
  return shapeSteps(s, nodes, edges, className).join('');
}

/** pathShape as one string per step (an object and the reference out of it). */
function shapeSteps(s: HeapSnapshot, nodes: number[], edges: number[], className: (n: number) => string): string[] {
  const steps: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    let step = normaliseClass(className(nodes[i]));
    if (i < edges.length) {
      const e = edges[i];
      const t = s.edgeType[e];
      const numeric = t === s.edgeTypes.element || t === s.edgeTypes.hidden || /^\d+$/.test(s.edgeName(e));
      step += `-${s.edgeTypeName(e)}:${numeric ? '[]' : s.edgeName(e)}->`;
    }
    steps.push(step);
  }
  return steps;
}

/**
 * The shape of the chain to the old object that holds a primary, one string per step: what
 * fragments of one bug share (see verdict-groups.ts#groupSignature).
 */
export function holderSteps(s: HeapSnapshot, nodes: number[], edges: number[], className: (n: number) => string): string[] {
  if (nodes.length < 2) return shapeSteps(s, nodes, edges, className);
  return shapeSteps(s, nodes.slice(0, -1), edges.slice(0, -1), className);
}

/** Drops what varies between runs of the same page: URLs after ` / `, `@1234` ids. */
export function normaliseClass(name: string): string {
  let n = name.replace(/@\d+/g, '@');
  if (!n.startsWith('system /')) {
    const slash = n.indexOf(' / ');
    if (slash > 0) n = n.slice(0, slash);
  }
  return n;
}

/** FNV-1a, printed as 8 hex digits: short, stable signatures for suppressions and CI diffs. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A chain step's title: functions by their own name (`onScroll()`), the rest by class. */
function stepName(s: HeapSnapshot, node: number, cls: string): string {
  if (s.nodeType[node] === s.types.closure) {
    const name = s.name(node);
    return name ? `${name}()` : '(anonymous function)';
  }
  return readableName(cls);
}

/**
 * Blink's C++ names carry whole template argument lists
 * (`blink::HeapVectorBacking<cppgc::internal::BasicMember<blink::RegisteredEventListener, …>>`);
 * on a chain only the outer type says something, so template arguments fold to `<…>`.
 * DOM names (`<div>`, `Detached <li>`) are not templates and stay as they are.
 */
export function readableName(name: string): string {
  if (!name.includes('::') || name.startsWith('<') || name.startsWith('Detached <')) return name;
  let out = '';
  let depth = 0;
  for (const ch of name) {
    if (ch === '<') {
      if (depth === 0) out += '<…>';
      depth++;
    } else if (ch === '>' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      out += ch;
    }
  }
  return out;
}
