// Fills in the event type of listener suspects the verdict could not type (see
// lib/browser/listener-types.ts), so every registration reads target, type and handler.
import type { CdpSession } from '../browser/cdp.js';
import { listenersOfHeapObject, pickListenerType } from '../browser/listener-types.js';
import type { Leak } from '../analysis/result.js';

/** Blink keeps a target's listeners in its EventTargetData; the step before it is the target. */
const TARGET_DATA = 'blink::EventTargetData';

export async function typeUnknownListeners(session: CdpSession, leaks: readonly Leak[]): Promise<void> {
  for (const leak of leaks) {
    const k = leak.chain.findIndex((c) => c.listener?.type === '?');
    if (k < 0) continue;
    const data = leak.chain.slice(0, k).findLastIndex((c) => c.className === TARGET_DATA);
    if (data < 1) continue;
    const listener = leak.chain[k].listener!;
    const type = pickListenerType(await listenersOfHeapObject(session, leak.chain[data - 1].nodeId), listener.handler);
    if (type) listener.type = type;
  }
}
