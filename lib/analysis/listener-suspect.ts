// Rule `suspect.listener-registration`. When the page holds a leak through an event
// listener, the chain runs Window → blink::EventTargetData → a Blink listener vector →
// RegisteredEventListener → V8EventListener → the handler. The last reference page code
// can name is then nowhere: the default suspect lands on Blink's vector
// (`blink::BasicHeapVector<…>[1]`), which says nothing a developer can act on. What they
// can undo is their addEventListener call, so that step becomes the suspect, labelled with
// the registration: the target (from the heap), the handler (the function the listener
// holds) and the event type (the heap does not record it; the runner's listener lists do).
import type { HeapSnapshot } from '../heap/snapshot.js';
import { scriptUrl } from './class-kinds.js';
import type { ChainStep, ListenerGrowth } from './result.js';
import type { ListenerCount } from './verdict-fold.js';

const LISTENER_NATIVES: ReadonlySet<string> = new Set(['V8EventListener', 'blink::RegisteredEventListener', 'EventListener']);
const REGISTERED = 'blink::RegisteredEventListener';
const TARGET_DATA = 'blink::EventTargetData';

export interface ListenerLists {
  /** Listener rows that grew in both halves. */
  grown: ListenerGrowth[];
  /** Listener counts at the final snapshot (empty when the runner listed none). */
  final: ListenerCount[];
}

/**
 * Moves the suspect of `chain` (built from `nodes`, one step per node) to the listener
 * registration when a listener lies between the current suspect and the handler.
 * Returns whether it did.
 */
export function markListenerSuspect(s: HeapSnapshot, nodes: number[], chain: ChainStep[], lists: ListenerLists): boolean {
  if (nodes.length !== chain.length) return false;
  const { native, closure, object } = s.types;
  const isListenerNative = (k: number) => s.nodeType[nodes[k]] === native && LISTENER_NATIVES.has(s.name(nodes[k]));
  const first = nodes.findIndex((_, k) => isListenerNative(k));
  if (first < 0) return false;
  let last = first;
  while (last + 1 < nodes.length && isListenerNative(last + 1)) last++;
  const handler = nodes[last + 1];
  if (handler === undefined || (s.nodeType[handler] !== closure && s.nodeType[handler] !== object)) return false;
  // Only a registration that is itself part of the leak: a listener registered once (an
  // old one) whose handler reaches growing state is fine, and the hold is past it.
  if (!chain.slice(first, last + 1).some((c) => c.leaked)) return false;
  const current = chain.findIndex((c) => c.suspect);
  // A page reference past the handler (a closure variable holding a growing array) is the
  // better suspect: the listener itself may be registered once and be fine.
  if (current > last) return false;

  const targetIndex = targetOf(s, nodes, first);
  const target = targetIndex >= 0 ? targetLabel(s.name(nodes[targetIndex])) : '?';
  const registered = nodes.slice(0, last + 1).findLastIndex((v) => s.name(v) === REGISTERED);
  const vectorSize = registered > 0 ? countRegistered(s, nodes[registered - 1]) : -1;
  const type = eventType(target, vectorSize, lists);

  if (current >= 0) chain[current].suspect = false;
  chain[last].suspect = true;
  chain[last].listener = { target, type, handler: handlerName(s, handler) };
  return true;
}

/** The object whose listeners these are: the owner of EventTargetData, else the nearest non-Blink native. */
function targetOf(s: HeapSnapshot, nodes: number[], firstListener: number): number {
  for (let k = firstListener - 1; k > 0; k--) if (s.name(nodes[k]) === TARGET_DATA) return k - 1;
  for (let k = firstListener - 1; k >= 0; k--) {
    const name = s.name(nodes[k]);
    if (s.nodeType[nodes[k]] === s.types.native && !name.includes('::') && !name.startsWith('system /')) return k;
  }
  return -1;
}

/**
 * The runner's label for a heap target: `window`, `document`, or `tag#id.class` as
 * lib/browser/listeners.ts#nodeLabel writes it. Other targets (MediaQueryList,
 * BroadcastChannel) keep their class name.
 */
export function targetLabel(heapName: string): string {
  if (heapName === 'Window' || heapName.startsWith('Window / ')) return 'window';
  if (heapName === 'HTMLDocument' || heapName === 'Document' || heapName.startsWith('HTMLDocument ')) return 'document';
  const m = /^(?:Detached )?<([A-Za-z][\w-]*)([^>]*)>/.exec(heapName);
  if (!m) return heapName;
  let label = m[1].toLowerCase();
  const attrs = m[2];
  const id = /\bid="([^"]*)"/.exec(attrs);
  if (id && id[1]) label += `#${id[1]}`;
  const cls = /\bclass="([^"]*)"/.exec(attrs);
  if (cls) for (const c of cls[1].split(/\s+/)) if (c) label += `.${c}`;
  return label;
}

function countRegistered(s: HeapSnapshot, vector: number): number {
  let n = 0;
  for (let e = s.firstEdge[vector], end = s.firstEdge[vector + 1]; e < end; e++) if (s.name(s.edgeTo[e]) === REGISTERED) n++;
  return n;
}

/**
 * The event type: the one type that grew on this target, else the one whose final count
 * matches the listener vector on the chain (Blink keeps one vector per type), else the
 * candidates joined by `|`, else `?` when the runner listed nothing to match.
 */
function eventType(target: string, vectorSize: number, lists: ListenerLists): string {
  const grown = lists.grown.filter((l) => l.target === target);
  const candidates: { type: string; count: number }[] =
    grown.length > 0 ? grown.map((l) => ({ type: l.type, count: l.counts[2] })) : lists.final.filter((l) => l.target === target);
  const types = [...new Set(candidates.map((c) => c.type))];
  if (types.length === 1) return types[0];
  if (types.length === 0) return '?';
  const bySize = candidates.filter((c) => c.count === vectorSize);
  if (bySize.length === 1) return bySize[0].type;
  return types.sort().join('|');
}

function handlerName(s: HeapSnapshot, node: number): string {
  if (s.nodeType[node] === s.types.closure) return s.name(node) || anonymousName(s, node);
  // An object with handleEvent(): its class says whose it is.
  return s.name(node) || 'Object';
}

/**
 * An arrow or anonymous function has no name to search for; where it was written does:
 * `(anonymous) editor.js:14:5`, from the snapshot's locations and the function's script.
 */
function anonymousName(s: HeapSnapshot, fn: number): string {
  const loc = s.location(fn);
  if (!loc) return '(anonymous)';
  const shared = s.childByEdgeName(fn, 'shared');
  const script = shared >= 0 ? s.childByEdgeName(shared, 'script') : -1;
  const url = script >= 0 ? scriptUrl(s, script) : '';
  const file = url.split(/[?#]/)[0].split('/').filter(Boolean).pop() ?? '';
  return `(anonymous) ${file || `script ${loc.scriptId}`}:${loc.line + 1}:${loc.column + 1}`;
}
