// One CDP session per page for everything heap-related. HeapProfiler stays enabled for the
// session's whole life because V8 keeps heap object ids stable between snapshots only
// while it is, and snapshot diffs by id depend on that.

import type { CDPSession, Page } from 'puppeteer';
import { trackPuppeteerHandles, type HandleTracker } from './handle-tracker.js';
import { isInternalScriptUrl, isPuppeteerUtilityWorld } from './internal-source.js';

export interface HeapCounters {
  /** Bytes of JS heap in use (not the reserved size). */
  jsHeapUsed: number;
  /** Live DOM nodes in the renderer, attached or not. */
  domNodes: number;
  documents: number;
  jsEventListeners: number;
}

export interface SnapshotOptions {
  signal?: AbortSignal;
  /** Milliseconds for the whole capture; defaults to the browser's protocol timeout. */
  timeout?: number;
}

export interface ReleaseReport {
  /** Remote objects Puppeteer held for the scenario and no longer will. */
  handlesReleased: number;
}

/** Object group for remote objects leakhound creates on this session. */
export const LEAKHOUND_OBJECT_GROUP = 'leakhound';

export class HeapSession {
  readonly #tracker: HandleTracker;
  /** Script id → the context it runs in, for scripts not recognisable by URL alone. */
  readonly #scriptContext = new Map<number, number>();
  readonly #internalScripts = new Set<number>();
  readonly #utilityContexts = new Set<number>();
  #closed = false;

  private constructor(
    readonly page: Page,
    /** The raw session, for CDP helpers such as `listEventListeners`. */
    readonly cdp: CDPSession,
  ) {
    this.#tracker = trackPuppeteerHandles(page);
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (isPuppeteerUtilityWorld(context.name)) this.#utilityContexts.add(context.id);
    });
    cdp.on('Debugger.scriptParsed', (e) => {
      const id = Number(e.scriptId);
      if (isInternalScriptUrl(e.url)) this.#internalScripts.add(id);
      else this.#scriptContext.set(id, e.executionContextId);
    });
  }

  static async open(page: Page): Promise<HeapSession> {
    const cdp = await page.createCDPSession();
    const session = new HeapSession(page, cdp);
    try {
      // Runtime first: contexts (and their names) must be known before scripts arrive.
      await cdp.send('Runtime.enable');
      // No cache of collected scripts: it would keep memory the page already freed.
      await cdp.send('Debugger.enable', { maxScriptsCacheSize: 0 });
      // A `debugger;` statement in page code must not freeze the hunt.
      await cdp.send('Debugger.setSkipAllPauses', { skip: true });
      await cdp.send('HeapProfiler.enable');
    } catch (err) {
      await session.close();
      throw err;
    }
    return session;
  }

  /**
   * Ids (as in a snapshot's `locations`) of scripts Puppeteer or leakhound run in the
   * page: evaluation scripts and everything in Puppeteer's utility world.
   */
  get internalScriptIds(): ReadonlySet<number> {
    const ids = new Set(this.#internalScripts);
    for (const [script, context] of this.#scriptContext) {
      if (this.#utilityContexts.has(context)) ids.add(script);
    }
    return ids;
  }

  /** Remote objects Puppeteer holds that `releaseInspectorState()` would free. */
  get liveHandles(): number {
    return this.#tracker.live;
  }

  /** Handles that exist now belong to the scenario (kept from `setup`); never release them. */
  keepCurrentHandles(): void {
    this.#tracker.keepCurrent();
  }

  /** Two full collections: the first runs finalizers and weak callbacks that free more. */
  async collectGarbage(): Promise<void> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
  }

  /**
   * Streams a snapshot to `onChunk` as V8 writes it; chunks are never joined, since real
   * snapshots outgrow the longest possible JS string. If `onChunk` throws, the rest of the
   * stream is dropped and the call rejects with that error once V8 is done.
   */
  async takeSnapshot(onChunk: (chunk: string) => void, opts: SnapshotOptions = {}): Promise<void> {
    const { signal } = opts;
    signal?.throwIfAborted();
    let failure: { error: unknown } | undefined;
    const listener = ({ chunk }: { chunk: string }) => {
      if (failure || signal?.aborted) return;
      try {
        onChunk(chunk);
      } catch (error) {
        failure = { error };
      }
    };
    let onAbort: (() => void) | undefined;
    this.cdp.on('HeapProfiler.addHeapSnapshotChunk', listener);
    try {
      const capture = this.cdp.send(
        'HeapProfiler.takeHeapSnapshot',
        { reportProgress: false, captureNumericValue: false, exposeInternals: false },
        opts.timeout === undefined ? undefined : { timeout: opts.timeout },
      );
      if (signal) {
        // V8 cannot stop mid-snapshot; stop listening and let the write finish unseen.
        const aborted = new Promise<never>((_, reject) => {
          onAbort = () => reject(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
        });
        capture.catch(() => undefined);
        await Promise.race([capture, aborted]);
      } else {
        await capture;
      }
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      this.cdp.off('HeapProfiler.addHeapSnapshotChunk', listener);
    }
    if (failure) throw failure.error;
  }

  async counters(): Promise<HeapCounters> {
    const [heap, dom] = await Promise.all([
      this.cdp.send('Runtime.getHeapUsage'),
      this.cdp.send('Memory.getDOMCounters'),
    ]);
    return {
      jsHeapUsed: heap.usedSize,
      domNodes: dom.nodes,
      documents: dom.documents,
      jsEventListeners: dom.jsEventListeners,
    };
  }

  /**
   * Frees what the inspector holds on the page's behalf so it cannot pass for a leak:
   * console messages (their arguments stay alive while a session is attached), remote
   * objects in leakhound's group, and the handles Puppeteer was left holding since
   * `keepCurrentHandles()`. Call before collecting garbage for a snapshot.
   */
  async releaseInspectorState(): Promise<ReleaseReport> {
    // Clearing the message storage releases every session's `console` object group.
    await this.cdp.send('Runtime.discardConsoleEntries');
    await this.cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'console' });
    await this.cdp.send('Runtime.releaseObjectGroup', { objectGroup: LEAKHOUND_OBJECT_GROUP });
    const handlesReleased = await this.#tracker.release();
    return { handlesReleased };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#tracker.stop();
    // Detaching ends the session's agents; a crashed or closed page has none left to end.
    await this.cdp.detach().catch(() => undefined);
  }
}
