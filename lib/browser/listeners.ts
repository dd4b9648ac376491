// Event listeners per target and type, for growth checks ("each iteration adds a resize
// listener on window"). One DOMDebugger call with depth -1 covers the whole document tree
// (shadow roots and iframes included) and names each listener's node by backendNodeId.

import type { Protocol } from 'puppeteer';
import type { CdpSession } from './cdp.js';
import { withInternalSourceUrl } from './internal-source.js';

export interface ListenerCount {
  /** `window`, `document`, or a selector-like label such as `div#app.list`. */
  target: string;
  type: string;
  count: number;
}

/** Its own group, released before returning, so listing never keeps a handler alive. */
const GROUP = 'leakhound-listeners';

/**
 * Lists listeners per target and type. Labelling a node costs one `DOM.describeNode` round
 * trip, which on a page with thousands of listened nodes outweighs a snapshot; pass the same
 * `labels` map to each listing of one hunt so a node is described once (backend node ids
 * are stable for a node's life), and later listings describe only new nodes.
 */
export async function listEventListeners(session: CdpSession, labels: Map<number, string> = new Map()): Promise<ListenerCount[]> {
  try {
    const [win, doc] = await Promise.all([evaluateObject(session, 'window'), evaluateObject(session, 'document')]);
    const [onWindow, inTree]: Protocol.DOMDebugger.GetEventListenersResponse[] = await Promise.all([
      session.send('DOMDebugger.getEventListeners', { objectId: win }),
      session.send('DOMDebugger.getEventListeners', { objectId: doc, depth: -1, pierce: true }),
    ]);
    const nodes = [...new Set(inTree.listeners.map((l) => l.backendNodeId).filter((id): id is number => !!id && !labels.has(id)))];
    await Promise.all(
      nodes.map(async (backendNodeId) => {
        const { node }: Protocol.DOM.DescribeNodeResponse = await session.send('DOM.describeNode', { backendNodeId });
        labels.set(backendNodeId, nodeLabel(node));
      }),
    );
    const counts = new Map<string, ListenerCount>();
    const add = (target: string, type: string) => {
      const key = `${target}\u0000${type}`;
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { target, type, count: 1 });
    };
    for (const l of onWindow.listeners) add('window', l.type);
    for (const l of inTree.listeners) add(labels.get(l.backendNodeId ?? 0) ?? 'document', l.type);
    return [...counts.values()].sort((a, b) => a.target.localeCompare(b.target) || a.type.localeCompare(b.type));
  } finally {
    await session.send('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined);
  }
}

async function evaluateObject(session: CdpSession, expression: string): Promise<string> {
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
    expression: withInternalSourceUrl(expression, 'listeners'),
    objectGroup: GROUP,
  });
  if (exceptionDetails || !result.objectId) throw new Error(`cannot reach ${expression} in the page`);
  return result.objectId;
}

export function nodeLabel(node: Protocol.DOM.Node): string {
  switch (node.nodeType) {
    case 9:
      return 'document';
    case 11:
      return node.shadowRootType ? '#shadow-root' : '#document-fragment';
    case 1:
      break;
    default:
      return node.nodeName.toLowerCase();
  }
  let label = (node.localName || node.nodeName).toLowerCase();
  const attrs = node.attributes ?? [];
  for (let i = 0; i + 1 < attrs.length; i += 2) {
    if (attrs[i] === 'id' && attrs[i + 1]) label += `#${attrs[i + 1]}`;
  }
  for (let i = 0; i + 1 < attrs.length; i += 2) {
    if (attrs[i] !== 'class') continue;
    for (const cls of attrs[i + 1]!.split(/\s+/)) if (cls) label += `.${cls}`;
  }
  return label;
}
