// Puts each leak's instance into the page as a global (`$leak1`, `$leak2`…), so a developer
// can poke at it from the DevTools console, like objgraph's `at()`. Heap ids are only
// meaningful on the CDP session that took the snapshots (HeapProfiler still enabled), so
// this runs on the hunt's own session after `finish()`.
import type { CdpSession } from '../browser/cdp.js';
import type { Leak } from '../analysis/result.js';

export interface ExposedLeak {
  /** The global's name, `$leak1`…; numbered like the report's leaks. */
  name: string;
  leak: Leak;
  /** The object now held by the global; absent when none could be resolved. */
  exposed?: { nodeId: number; className: string };
  /** Why nothing was exposed (listener-only finding, object gone, not a JS object). */
  problem?: string;
}

const OBJECT_GROUP = 'leakhound-inspect';

// Non-enumerable so the page's own `for…in window` loops do not meet it; configurable so a
// second inspect run (or the developer) can replace it.
const ASSIGN = `function (name) {
  Object.defineProperty(globalThis, name, { value: this, configurable: true, writable: true, enumerable: false });
  return true;
}`;

/**
 * Exposes one object per leak. The chain's last step is the leak's representative instance;
 * when it is not a JS object (a Blink node without a wrapper), the nearest leaked object
 * above it on the chain is exposed instead, and the line says which class it is.
 */
export async function exposeLeaks(cdp: CdpSession, leaks: readonly Leak[], prefix = '$leak'): Promise<ExposedLeak[]> {
  const out: ExposedLeak[] = [];
  try {
    for (let i = 0; i < leaks.length; i++) {
      const leak = leaks[i]!;
      const name = `${prefix}${i + 1}`;
      if (leak.chain.length === 0) {
        out.push({ name, leak, problem: 'no object: a listener-only finding' });
        continue;
      }
      const candidates = leak.chain
        .map((step, k) => ({ step, k }))
        .filter(({ step, k }) => step.leaked || k === leak.chain.length - 1)
        .reverse();
      let problem = 'the object is no longer in the heap';
      let exposed: ExposedLeak['exposed'];
      for (const { step } of candidates) {
        const objectId = await remoteObjectOf(cdp, step.nodeId);
        if (!objectId) continue;
        const r = (await cdp.send('Runtime.callFunctionOn', {
          objectId,
          functionDeclaration: ASSIGN,
          arguments: [{ value: name }],
          returnByValue: true,
          silent: true,
        })) as { result?: { value?: unknown }; exceptionDetails?: { text?: string } };
        if (r.exceptionDetails || r.result?.value !== true) {
          problem = `could not assign it: ${r.exceptionDetails?.text ?? 'unknown error'}`;
          continue;
        }
        exposed = { nodeId: step.nodeId, className: step.className };
        break;
      }
      out.push(exposed ? { name, leak, exposed } : { name, leak, problem });
    }
  } finally {
    // The globals hold the objects now; our remote references must not keep anything else.
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP }).catch(() => undefined);
  }
  return out;
}

/** A remote object id for heap node `nodeId`, or undefined when V8 cannot hand it out. */
async function remoteObjectOf(cdp: CdpSession, nodeId: number): Promise<string | undefined> {
  try {
    const r = (await cdp.send('HeapProfiler.getObjectByHeapObjectId', {
      objectId: String(nodeId),
      objectGroup: OBJECT_GROUP,
    })) as { result?: { objectId?: string } };
    return r.result?.objectId;
  } catch {
    // "Object is not available": collected, or a native object with no JS wrapper.
    return undefined;
  }
}
