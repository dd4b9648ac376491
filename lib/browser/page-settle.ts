// Lets a page finish what a step started (fetches, renders, idle-time work) before the
// runner measures it, so objects in flight are not mistaken for objects that stay.

import type { Page } from 'puppeteer';
import { withInternalSourceUrl } from './internal-source.js';

export interface SettleOptions {
  /** Quiet time that counts as network idle, ms. */
  idleTime?: number;
  /** Longest wait for network idle, ms; a page that polls forever is still hunted. */
  timeout?: number;
}

export interface SettleResult {
  /** False when requests were still in flight at the timeout. */
  networkIdle: boolean;
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
      if (hasIdle) idle = requestIdleCallback(done, { timeout: 500 });
      else short = setTimeout(done, 50);
    };
    frame = requestAnimationFrame(() => { frame = requestAnimationFrame(whenIdle); });
    timer = setTimeout(done, 2000);
  })`,
  'settle',
);

export async function settle(page: Page, opts: SettleOptions = {}): Promise<SettleResult> {
  let networkIdle = true;
  try {
    await page.waitForNetworkIdle({ idleTime: opts.idleTime ?? 250, timeout: opts.timeout ?? 5000 });
  } catch (err) {
    if (!(err instanceof Error && err.name === 'TimeoutError')) throw err;
    networkIdle = false;
  }
  await page.evaluate(AFTER_FRAMES_AND_IDLE);
  return { networkIdle };
}
