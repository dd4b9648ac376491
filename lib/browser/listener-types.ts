// The event type of a listener registration on a target that is not in the document tree
// (AbortSignal, MediaQueryList, MessagePort, a Worker…). The heap records no event types and
// the runner's listings cover window and the DOM only, so the verdict can name such a
// registration's target and handler but not its type. After the verdict, while the hunt's
// session still resolves the final snapshot's ids, ask DevTools for that very object's
// listeners instead.

import type { Protocol } from 'puppeteer';
import type { CdpSession } from './cdp.js';

/** Its own group, released before returning, so asking never keeps a handler alive. */
const GROUP = 'leakhound-listener-types';

export interface TargetListener {
  type: string;
  /** 1-based, as leak traces print positions. */
  line: number;
  column: number;
}

/** Listeners of the object with heap id `heapId` (from a snapshot of this session); [] when it is gone. */
export async function listenersOfHeapObject(session: CdpSession, heapId: number): Promise<TargetListener[]> {
  try {
    const { result }: Protocol.HeapProfiler.GetObjectByHeapObjectIdResponse = await session.send(
      'HeapProfiler.getObjectByHeapObjectId',
      { objectId: String(heapId), objectGroup: GROUP },
    );
    if (!result.objectId) return [];
    const { listeners }: Protocol.DOMDebugger.GetEventListenersResponse = await session.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId,
    });
    return listeners.map((l) => ({ type: l.type, line: l.lineNumber + 1, column: l.columnNumber + 1 }));
  } catch {
    // Collected since the snapshot, or not an EventTarget: the type stays unknown.
    return [];
  } finally {
    await session.send('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined);
  }
}

/**
 * The type to show for a registration whose handler the trace labels `handler`: the only
 * type the target has, else the types of listeners written where an anonymous handler was
 * (`(anonymous) file.js:30:43`), else every candidate joined by `|`.
 */
export function pickListenerType(listeners: readonly TargetListener[], handler: string): string | undefined {
  const types = [...new Set(listeners.map((l) => l.type))];
  if (types.length <= 1) return types[0];
  const at = /:(\d+):(\d+)$/.exec(handler);
  if (at) {
    const here = [...new Set(listeners.filter((l) => l.line === Number(at[1])).map((l) => l.type))];
    if (here.length === 1) return here[0];
  }
  return types.sort().join('|');
}
