// The one thing a hunt needs from a browser driver: a CDP session attached to the page.
// Puppeteer's `page.createCDPSession()` and Playwright's `context.newCDPSession(page)` both
// fit this shape, so the hunt, the heap session and the CDP helpers depend on it rather
// than on either driver's Page.

/* eslint-disable @typescript-eslint/no-explicit-any -- protocol payloads are typed per method by the drivers */

export interface CdpSession {
  /** `options` is Puppeteer's per-command timeout; other drivers ignore the extra argument. */
  send(method: string, params?: Record<string, unknown>, options?: { timeout?: number }): Promise<any>;
  on(event: string, listener: (params: any) => void): unknown;
  off(event: string, listener: (params: any) => void): unknown;
  detach(): Promise<void>;
}

/** Ordinary commands (GC, counters, evaluation) answer in well under this even on big pages. */
export const DEFAULT_COMMAND_TIMEOUT = 120_000;
/** A snapshot of a heap of several GB takes minutes to write. */
export const DEFAULT_SNAPSHOT_TIMEOUT = 15 * 60_000;

/** A command the browser never answered: a hung renderer, a paused page, a dead connection. */
export class CdpTimeoutError extends Error {
  override name = 'CdpTimeoutError';
  constructor(
    readonly method: string,
    readonly timeout: number,
  ) {
    super(`the browser did not answer ${method} within ${formatSeconds(timeout)}`);
  }
}

/**
 * The session with a deadline on every command. Playwright's CDP session has no timeout of
 * its own, so without this a hung renderer would hang the hunt forever. A command may ask
 * for a longer deadline through `options.timeout` (a snapshot does); the option is passed on
 * so Puppeteer's own protocol timeout stretches with it.
 */
export function withTimeout(session: CdpSession, ms: number = DEFAULT_COMMAND_TIMEOUT): CdpSession {
  return {
    send(method, params, options) {
      const timeout = options?.timeout ?? ms;
      // The driver's own deadline (Puppeteer's) a little later, so ours names the method.
      const sent = session.send(method, params, { ...options, timeout: timeout + 5_000 });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CdpTimeoutError(method, timeout)), timeout);
      });
      // The answer may still come (or fail) after the deadline; nobody is listening then.
      sent.catch(() => undefined);
      return Promise.race([sent, expired]).finally(() => clearTimeout(timer));
    },
    on: (event, listener) => session.on(event, listener),
    off: (event, listener) => session.off(event, listener),
    detach: () => session.detach(),
  };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
