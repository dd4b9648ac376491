// Lets a page finish what a step started (fetches, renders, idle-time work) before the
// runner measures it, so objects in flight are not mistaken for objects that stay. Works on
// a bare CDP session, so a Puppeteer page, a Playwright page and a caller's own session
// settle by the same rule.

import type { CdpSession } from './cdp.js';
import { withInternalSourceUrl } from './internal-source.js';

export interface SettleOptions {
  /** Quiet time after the last request ends that counts as network idle, ms. */
  idleTime?: number;
  /** Longest wait for network idle, ms; a page that polls forever is still hunted. */
  timeout?: number;
}

export interface SettleResult {
  /** False when requests were still in flight at the timeout. */
  networkIdle: boolean;
}

export interface Settler {
  settle(opts?: SettleOptions): Promise<SettleResult>;
  /** Requests the page has started and not finished, as the Network domain reports them. */
  readonly inFlight: number;
  dispose(): void;
}

// Two frames so work scheduled by the first rAF callback also runs; the idle callback
// then waits out low-priority tasks. The timers bound it on pages that never go idle.
const AFTER_FRAMES_AND_IDLE = withInternalSourceUrl(
  `new Promise((resolve) => {
    const hasIdle = typeof requestIdleCallback === 'function';
    let frame = 0, idle = 0, short = 0, timer = 0;
    // Cancel whatever is still pending so nothing of ours outlives the call in a snapshot.
    const done = () => {
      cancelAnimationFrame(frame);
      if (hasIdle) cancelIdleCallback(idle);
      clearTimeout(short);
      clearTimeout(timer);
      resolve(true);
    };
    const whenIdle = () => {
      // Headless Chromium may grant no idle period for seconds (a focused input, an open
      // dialog): a short bound, since waiting longer only waits for what may never come.
      if (hasIdle) idle = requestIdleCallback(done, { timeout: 100 });
      else short = setTimeout(done, 50);
    };
    frame = requestAnimationFrame(() => { frame = requestAnimationFrame(whenIdle); });
    timer = setTimeout(done, 2000);
  })`,
  'settle',
);

/**
 * Starts watching the page's requests on `session`. Requests already in flight before this
 * are not seen, so start it before the page loads (the hunt does).
 *
 * A settle waits for two frames and an idle period; only if requests are then in flight does
 * it wait for the network to be quiet for `idleTime` and settle the page again. A fixed
 * quiet period after every step (Puppeteer's `waitForNetworkIdle`) costs its full length
 * on every step of every iteration even when the page never touches the network.
 */
export async function createSettler(session: CdpSession): Promise<Settler> {
  const pending = new Set<string>();
  let changed: (() => void) | undefined;
  const poke = () => {
    const c = changed;
    changed = undefined;
    c?.();
  };
  const onStart = ({ requestId, loaderId }: { requestId: string; loaderId?: string }) => {
    // A worker's main script is fetched for the worker's own target (no document loader):
    // its end is reported there, never on this session, so waiting for it only times out.
    if (loaderId === '') return;
    pending.add(requestId);
    poke();
  };
  const onEnd = ({ requestId }: { requestId: string }) => {
    if (pending.delete(requestId)) poke();
  };
  // A new document cancels the old one's requests; their end events do not always follow.
  const onCleared = () => {
    pending.clear();
    poke();
  };
  session.on('Network.requestWillBeSent', onStart);
  // A response whose body the page never reads never finishes loading: its headers are the
  // end, as for Puppeteer's `waitForNetworkIdle`.
  session.on('Network.responseReceived', onEnd);
  session.on('Network.loadingFinished', onEnd);
  session.on('Network.loadingFailed', onEnd);
  session.on('Runtime.executionContextsCleared', onCleared);
  // No response bodies kept for us: they would be memory the page did not ask for.
  await session.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });

  /** Resolves true when a request starts or ends within `ms`, false when `ms` passes quietly. */
  const nextChange = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        changed = undefined;
        resolve(false);
      }, ms);
      changed = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });

  /** True once nothing was in flight for `idleTime`; false if requests are still in flight at `deadline`. */
  const quiet = async (idleTime: number, deadline: number): Promise<boolean> => {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return pending.size === 0;
      const poked = await nextChange(pending.size > 0 ? left : Math.min(idleTime, left));
      if (!poked && pending.size === 0) return true;
    }
  };

  const afterFramesAndIdle = async () => {
    const { exceptionDetails } = await session.send('Runtime.evaluate', {
      expression: AFTER_FRAMES_AND_IDLE,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`settle failed in the page: ${exceptionDetails.text ?? 'exception'}`);
  };

  return {
    get inFlight() {
      return pending.size;
    },
    async settle(opts = {}) {
      const idleTime = opts.idleTime ?? 100;
      const deadline = Date.now() + (opts.timeout ?? 5000);
      await afterFramesAndIdle();
      let networkIdle = true;
      // Each round: responses arrive, their handlers render and may fetch again.
      while (pending.size > 0) {
        networkIdle = await quiet(idleTime, deadline);
        if (!networkIdle) break;
        await afterFramesAndIdle();
      }
      return { networkIdle };
    },
    dispose() {
      session.off('Network.requestWillBeSent', onStart);
      session.off('Network.responseReceived', onEnd);
      session.off('Network.loadingFinished', onEnd);
      session.off('Network.loadingFailed', onEnd);
      session.off('Runtime.executionContextsCleared', onCleared);
      poke();
    },
  };
}
