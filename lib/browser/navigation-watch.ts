// Notices when a step moves the page's main frame to another document (a link, a form
// submit, location.href, a reload). Heap snapshots are compared by object id within one
// document's life; a new document starts a new heap, so a loop that navigates cannot be
// judged and must be refused rather than reported as clean or leaking.
//
/* eslint-disable @typescript-eslint/no-explicit-any -- protocol payloads are typed per listener */

// Same-document navigations (history.pushState, hash changes) arrive as
// Page.navigatedWithinDocument, never as Page.frameNavigated, so SPA routers stay fine.

import type { Page } from 'puppeteer';
import type { CdpSession } from './cdp.js';
import { LeakhoundError } from '../errors.js';

export interface MainFrameNavigation {
  /** Where the main frame went (the committed URL, or the requested one while pending). */
  url: string;
  /** 'reload' when the page reloaded itself. */
  kind: 'reload' | 'navigation';
}

export interface TakeOptions {
  /** Longest wait for a navigation that has started but not yet committed, ms. */
  timeout?: number;
}

const REQUEST_GRACE_MS = 3000;
const SAME_DOCUMENT = new Set(['sameDocument', 'historySameDocument']);
const RELOAD = new Set(['reload', 'reloadBypassingCache']);

export class NavigationWatch {
  #committed: MainFrameNavigation | undefined;
  /** Requested (the page asked) or started (the browser began loading another document). */
  #pending: (MainFrameNavigation & { started: boolean }) | undefined;
  #wake: (() => void) | undefined;
  #closed = false;
  readonly #listeners: [string, (e: any) => void][];

  private constructor(
    private readonly cdp: CdpSession,
    private readonly mainFrameId: string,
    /** The session is ours (opened for a Puppeteer page) and is detached on close. */
    private readonly owned: boolean,
  ) {
    const settled = () => {
      this.#pending = undefined;
      this.#wake?.();
    };
    this.#listeners = [
      [
        // location.reload() or a form submit from script: requested before the call returns,
        // started only later (hundreds of ms under load), so the request is what marks the step.
        'Page.frameRequestedNavigation',
        (e: { frameId: string; url: string; reason: string; disposition: string }) => {
          if (e.frameId !== this.mainFrameId || e.disposition !== 'currentTab') return;
          this.#pending ??= { url: e.url, kind: e.reason === 'reload' ? 'reload' : 'navigation', started: false };
        },
      ],
      [
        'Page.frameStartedNavigating',
        (e: { frameId: string; url: string; navigationType: string }) => {
          if (e.frameId !== this.mainFrameId) return;
          if (SAME_DOCUMENT.has(e.navigationType)) return settled();
          this.#pending = { url: e.url, kind: RELOAD.has(e.navigationType) ? 'reload' : 'navigation', started: true };
          this.#wake?.();
        },
      ],
      [
        'Page.navigatedWithinDocument',
        (e: { frameId: string }) => {
          if (e.frameId === this.mainFrameId) settled();
        },
      ],
      [
        'Page.frameNavigated',
        (e: { frame: { id: string; parentId?: string; url: string; urlFragment?: string }; type?: string }) => {
          // A back-forward-cache restore brings back a document the page had already; the
          // forward navigation that left it was seen (and refused) before.
          if (e.frame.parentId || e.frame.id !== this.mainFrameId || e.type === 'BackForwardCacheRestore') return;
          this.#committed ??= { url: e.frame.url + (e.frame.urlFragment ?? ''), kind: this.#pending?.kind ?? 'navigation' };
          settled();
        },
      ],
      [
        // A navigation that never commits (HTTP 204, a download) ends here without a new document.
        'Page.frameStoppedLoading',
        (e: { frameId: string }) => {
          if (e.frameId === this.mainFrameId) settled();
        },
      ],
    ];
    for (const [event, listener] of this.#listeners) cdp.on(event, listener);
  }

  /** Watches the page `cdp` is attached to from now on; the session stays the caller's. */
  static async attach(cdp: CdpSession): Promise<NavigationWatch> {
    await cdp.send('Page.enable');
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    return new NavigationWatch(cdp, frameTree.frame.id, false);
  }

  /** Watches a Puppeteer page on a session of its own, detached by `close()`. */
  static async open(page: Page): Promise<NavigationWatch> {
    const cdp = (await page.createCDPSession()) as unknown as CdpSession;
    try {
      await cdp.send('Page.enable');
      const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      return new NavigationWatch(cdp, frameTree.frame.id, true);
    } catch (err) {
      await cdp.detach().catch(() => undefined);
      throw err;
    }
  }

  /**
   * `fn` followed by a navigation check: a step that moved the page to another document
   * throws the refusal (also when the step itself failed because the page went away).
   */
  checked<T>(fn: () => T | Promise<T>): () => Promise<T> {
    return async () => {
      let value: T;
      try {
        value = await fn();
      } catch (err) {
        const nav = await this.take({ timeout: 0 }).catch(() => undefined);
        throw nav && !(err instanceof LeakhoundError) && !isRefusal(err) ? new Error(navigationRefusal(nav)) : err;
      }
      const nav = await this.take();
      if (nav) throw new Error(navigationRefusal(nav));
      return value;
    };
  }

  /**
   * The first cross-document navigation of the main frame since the last call, or
   * undefined. A navigation still in flight is waited for (it starts before the click
   * that caused it returns, but commits later), so it is charged to the right step.
   */
  async take(opts: TakeOptions = {}): Promise<MainFrameNavigation | undefined> {
    const now = Date.now();
    const deadline = now + (opts.timeout ?? 10_000);
    // A request the browser has not started within this is taken as dropped, so a link it
    // ignores (an unknown scheme) costs each iteration seconds, not the whole timeout.
    const requestDeadline = Math.min(deadline, now + REQUEST_GRACE_MS);
    while (!this.#committed && this.#pending && !this.#closed) {
      const left = (this.#pending.started ? deadline : requestDeadline) - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    // Started but not committed after the wait: on its way to another document all the same.
    // Only requested: the browser never acted on it.
    const pending = this.#pending?.started ? { url: this.#pending.url, kind: this.#pending.kind } : undefined;
    const found = this.#committed ?? pending;
    this.#committed = undefined;
    this.#pending = undefined;
    return found;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const [event, listener] of this.#listeners) this.cdp.off(event, listener);
    this.#wake?.();
    if (this.owned) await this.cdp.detach().catch(() => undefined);
  }
}

const REFUSAL = 'a reload resets the heap, so leakhound cannot compare snapshots across it';

/** A refusal already said (by a Recorder flow, naming its step) is not said again. */
function isRefusal(err: unknown): boolean {
  return err instanceof Error && err.message.includes(REFUSAL);
}

/** The one-line reason given for every refused navigation, so .mjs scenarios and Recorder flows read alike. */
export function navigationRefusal(nav: MainFrameNavigation): string {
  const what = nav.kind === 'reload' ? `reloaded the page (${nav.url})` : `navigated the page to ${nav.url}`;
  return `${what}; ${REFUSAL} — end the action on the same document`;
}

/** Runs `fn` with a watch on the page `cdp` is attached to, removed afterwards. */
export async function withNavigationWatch<T>(cdp: CdpSession, fn: (watch: NavigationWatch) => Promise<T>): Promise<T> {
  const watch = await NavigationWatch.attach(cdp);
  try {
    return await fn(watch);
  } finally {
    await watch.close();
  }
}
