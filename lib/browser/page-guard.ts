// Turns what goes wrong in a page into one-line errors that name the step: a crashed
// renderer, a browser that exited, a URL that does not load, a step that threw. A crash
// would otherwise leave the step's pending CDP call waiting until the protocol timeout.

import type { Dialog, Page } from 'puppeteer';
import { BrowserError, LeakhoundError, ScenarioError } from '../errors.js';
import type { CdpSession } from './cdp.js';

export interface PageGuard {
  /**
   * Runs one step (`setup`, `action #3`, `snapshot`…). Rejects with a ScenarioError naming
   * the step when it throws or the page crashes, a BrowserError when the browser exits.
   */
  step<T>(step: string, fn: () => Promise<T> | T): Promise<T>;
  readonly crashed: boolean;
  dispose(): void;
}

/** Tells the guard when the page crashed or the browser went away; returns how to stop watching. */
export type GuardWatch = (events: { crashed(): void; disconnected(): void }) => () => void;

export function guardPage(page: Page, scenario: string): PageGuard {
  return createGuard(scenario, ({ crashed, disconnected }) => {
    // A dialog blocks the page until answered. Answer after the step's own listeners had
    // their turn (they run synchronously), so scenarios that handle dialogs still can.
    const onDialog = (dialog: Dialog) => {
      setTimeout(() => {
        const answer = dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss();
        answer.catch(() => undefined);
      }, 0);
    };
    const browser = page.browser();
    page.on('error', crashed);
    page.on('dialog', onDialog);
    browser.on('disconnected', disconnected);
    return () => {
      page.off('error', crashed);
      page.off('dialog', onDialog);
      browser.off('disconnected', disconnected);
    };
  });
}

export interface SessionGuardOptions {
  /**
   * Dismiss JavaScript dialogs (accept `beforeunload`) over CDP. Only for a session nobody
   * else drives: a driver with its own dialog handling (Playwright dismisses unhandled
   * dialogs) would race us. Needs `Page.enable` on the session.
   */
  answerDialogs?: boolean;
}

/**
 * The same guard over a bare CDP session (Playwright pages, a caller's own session). Needs
 * `Inspector.enable` on the session for crash and detach events.
 */
export function guardSession(session: CdpSession, scenario: string, opts: SessionGuardOptions = {}): PageGuard {
  return createGuard(scenario, ({ crashed, disconnected }) => {
    const onDetached = ({ reason }: { reason?: string }) => {
      // Chromium says "Render process gone." when the renderer dies under a live target.
      if (reason && /render process gone/i.test(reason)) crashed();
      else disconnected();
    };
    const onDialog = ({ type }: { type: string }) => {
      setTimeout(() => {
        session.send('Page.handleJavaScriptDialog', { accept: type === 'beforeunload' }).catch(() => undefined);
      }, 0);
    };
    session.on('Inspector.targetCrashed', crashed);
    session.on('Inspector.detached', onDetached);
    if (opts.answerDialogs) session.on('Page.javascriptDialogOpening', onDialog);
    return () => {
      session.off('Inspector.targetCrashed', crashed);
      session.off('Inspector.detached', onDetached);
      if (opts.answerDialogs) session.off('Page.javascriptDialogOpening', onDialog);
    };
  });
}

function createGuard(scenario: string, watch: GuardWatch): PageGuard {
  let crashed = false;
  let disconnected = false;
  const pending = new Set<(reason: LeakhoundError) => void>();
  const fail = (reason: LeakhoundError) => {
    for (const reject of pending) reject(reason);
  };

  let currentStep = 'load';
  const onCrash = () => {
    if (crashed) return;
    crashed = true;
    fail(new ScenarioError(`${scenario}: the page crashed during ${currentStep}`, scenario, currentStep));
  };
  const onDisconnect = () => {
    if (disconnected || crashed) return;
    disconnected = true;
    fail(new BrowserError(`the browser exited during ${currentStep} of ${scenario}`));
  };
  const stopWatching = watch({ crashed: onCrash, disconnected: onDisconnect });

  return {
    get crashed() {
      return crashed;
    },
    async step<T>(step: string, fn: () => Promise<T> | T): Promise<T> {
      currentStep = step;
      if (crashed) throw new ScenarioError(`${scenario}: the page had crashed before ${step}`, scenario, step);
      if (disconnected) throw new BrowserError(`the browser had exited before ${step} of ${scenario}`);
      let reject!: (reason: LeakhoundError) => void;
      const interrupted = new Promise<never>((_, r) => {
        reject = r;
      });
      pending.add(reject);
      try {
        return await Promise.race([Promise.resolve().then(fn), interrupted]);
      } catch (err) {
        if (err instanceof LeakhoundError) throw err;
        // Errors that follow a crash ("Target closed") say less than the crash itself.
        if (crashed) throw new ScenarioError(`${scenario}: the page crashed during ${step}`, scenario, step);
        if (disconnected) throw new BrowserError(`the browser exited during ${step} of ${scenario}`);
        throw new ScenarioError(`${scenario}: ${step} failed: ${describeError(err)}`, scenario, step);
      } finally {
        pending.delete(reject);
      }
    },
    dispose() {
      stopWatching();
    },
  };
}

export interface OpenUrlOptions {
  /** Longest wait for the load event, ms. */
  timeout?: number;
}

/** Navigates and waits for `load`; an unreachable URL or an HTTP error is a ScenarioError. */
export async function openUrl(page: Page, url: string, scenario: string, opts: OpenUrlOptions = {}): Promise<void> {
  const timeout = opts.timeout ?? 30_000;
  let status: number | undefined;
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout });
    status = response?.status();
  } catch (err) {
    const reason =
      err instanceof Error && err.name === 'TimeoutError'
        ? `no load event within ${timeout / 1000} s`
        : (/net::ERR_[A-Z0-9_]+/.exec(describeError(err))?.[0] ?? describeError(err));
    throw new ScenarioError(`cannot open ${url}: ${reason}`, scenario, 'open');
  }
  if (status !== undefined && status >= 400) {
    throw new ScenarioError(`cannot open ${url}: HTTP ${status}`, scenario, 'open');
  }
}

/** `TimeoutError: Waiting for selector \`.x\` failed` — first line only, never a stack. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err).split('\n')[0] ?? '';
  const line = err.message.split('\n').find((l) => l.trim())?.trim() ?? '';
  return err.name && err.name !== 'Error' ? `${err.name}: ${line}` : line || err.name;
}
