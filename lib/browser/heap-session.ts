// One CDP session per page for everything heap-related. HeapProfiler stays enabled for the
// session's whole life because V8 keeps heap object ids stable between snapshots only
// while it is, and snapshot diffs by id depend on that.

import { DEFAULT_SNAPSHOT_TIMEOUT, withTimeout, type CdpSession } from './cdp.js';
import { attachTarget, type HuntTarget } from './driver.js';
import { trackPuppeteerHandles, type HandleTracker } from './handle-tracker.js';
import { isDriverUtilityWorld, isInternalScriptUrl } from './internal-source.js';

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
  /** Milliseconds for the whole capture; defaults to the session's `snapshotTimeout`. */
  timeout?: number;
}

export interface HeapSessionOptions {
  /** Milliseconds any ordinary command may take (default 120 s). */
  timeout?: number;
  /** Milliseconds a snapshot capture may take (default 15 min). */
  snapshotTimeout?: number;
}

export interface ReleaseReport {
  /** Remote objects Puppeteer held for the scenario and no longer will. */
  handlesReleased: number;
}

/** Object group for remote objects leakhound creates on this session. */
export const LEAKHOUND_OBJECT_GROUP = 'leakhound';

export class HeapSession {
  /** The session with a deadline on every command, for CDP helpers such as `listEventListeners`. */
  readonly cdp: CdpSession;
  readonly #raw: CdpSession;
  readonly #owned: boolean;
  readonly #snapshotTimeout: number;
  #tracker: HandleTracker = inertTracker;
  /** Script id → the context it runs in, for scripts not recognisable by URL alone. */
  readonly #scriptContext = new Map<number, number>();
  readonly #internalScripts = new Set<number>();
  readonly #utilityContexts = new Set<number>();
  readonly #onContext = ({ context }: { context: { id: number; name: string } }) => {
    if (isDriverUtilityWorld(context.name)) this.#utilityContexts.add(context.id);
  };
  readonly #onScript = (e: { scriptId: string; url: string; executionContextId: number }) => {
    const id = Number(e.scriptId);
    if (isInternalScriptUrl(e.url)) this.#internalScripts.add(id);
    else this.#scriptContext.set(id, e.executionContextId);
  };
  #closed = false;

  private constructor(raw: CdpSession, owned: boolean, opts: HeapSessionOptions) {
    this.#raw = raw;
    this.#owned = owned;
    this.cdp = withTimeout(raw, opts.timeout);
    this.#snapshotTimeout = opts.snapshotTimeout ?? DEFAULT_SNAPSHOT_TIMEOUT;
    raw.on('Runtime.executionContextCreated', this.#onContext);
    raw.on('Debugger.scriptParsed', this.#onScript);
  }

  /**
   * Opens a session on a Puppeteer or Playwright page (detached again by `close()`), or
   * adopts a CDP session the caller opened (left attached by `close()`). On a Puppeteer
   * page the handles Puppeteer leaves behind are tracked and released before snapshots.
   */
  static async open(target: HuntTarget, opts: HeapSessionOptions = {}): Promise<HeapSession> {
    const attached = await attachTarget(target);
    const session = new HeapSession(attached.session, attached.owned, opts);
    if (attached.puppeteerPage) session.#tracker = trackPuppeteerHandles(attached.puppeteerPage);
    try {
      const cdp = session.cdp;
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

  /**
   * Full collections. Two by default (before a snapshot): the first runs finalizers and
   * weak callbacks that free more. One is enough for counters, which only draw a trend.
   */
  async collectGarbage(passes = 2): Promise<void> {
    for (let i = 0; i < passes; i++) await this.cdp.send('HeapProfiler.collectGarbage');
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
    this.#raw.on('HeapProfiler.addHeapSnapshotChunk', listener);
    try {
      const capture = this.cdp.send(
        'HeapProfiler.takeHeapSnapshot',
        { reportProgress: false, captureNumericValue: false, exposeInternals: false },
        { timeout: opts.timeout ?? this.#snapshotTimeout },
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
      this.#raw.off('HeapProfiler.addHeapSnapshotChunk', listener);
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

  get closed(): boolean {
    return this.#closed;
  }

  /** Detaches a session leakhound opened; a caller's own session stays attached for them. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#tracker.stop();
    this.#raw.off('Runtime.executionContextCreated', this.#onContext);
    this.#raw.off('Debugger.scriptParsed', this.#onScript);
    // Detaching ends the session's agents; a crashed or closed page has none left to end.
    if (this.#owned) await this.#raw.detach().catch(() => undefined);
  }
}

const inertTracker: HandleTracker = {
  live: 0,
  keepCurrent() {},
  release: async () => 0,
  stop() {},
};
