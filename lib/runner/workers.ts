// What parallel sweeps share: the browser (launched by us, or someone else's over
// --connect) and the results, kept in scenario order whatever order hunts finish in.
import type { Browser } from 'puppeteer';
import { launchBrowser, type LaunchOptions } from '../browser/launch.js';
import { connectBrowser, type ConnectOptions } from '../browser/connect.js';
import { BrowserError } from '../errors.js';

export interface OpenedBrowser {
  browser: Browser;
  /** For the result: the executable, or the (redacted) endpoint we connected to. */
  path: string;
  version: string;
}

/**
 * Where hunts get their browser. A launched browser that crashed or exited is launched
 * again (once, however many workers notice at the same time); a connected browser is
 * someone else's, so losing it fails the scenarios that still need it.
 */
export class BrowserSupply {
  private opened: OpenedBrowser | undefined;
  private pending: Promise<OpenedBrowser> | undefined;
  private broken: BrowserError | undefined;
  /** How many times the browser was launched again after it died. */
  relaunches = 0;

  private constructor(
    private readonly open: () => Promise<OpenedBrowser>,
    /** Ends our use of the browser: close what we launched, disconnect from what we did not. */
    private readonly release: (b: Browser) => Promise<void>,
    readonly canRelaunch: boolean,
  ) {}

  static launch(opts: LaunchOptions): BrowserSupply {
    return new BrowserSupply(
      async () => {
        const l = await launchBrowser(opts);
        return { browser: l.browser, path: l.path, version: l.version };
      },
      (b) => b.close(),
      true,
    );
  }

  static connect(opts: ConnectOptions): BrowserSupply {
    return new BrowserSupply(
      async () => {
        const c = await connectBrowser(opts);
        return { browser: c.browser, path: c.endpoint, version: c.version };
      },
      // Never close the user's browser; our contexts were closed by each hunt.
      (b) => b.disconnect(),
      false,
    );
  }

  /** First start: throws BrowserError when the browser cannot start or be reached. */
  async start(): Promise<OpenedBrowser> {
    this.opened = await this.open();
    return this.opened;
  }

  /** A live browser for the next hunt: relaunched when the last one died. */
  async get(): Promise<Browser> {
    if (this.opened?.browser.connected) return this.opened.browser;
    if (this.broken) throw this.broken;
    if (!this.opened) return (await this.start()).browser;
    if (!this.canRelaunch) {
      this.broken = new BrowserError(`the browser at ${this.opened.path} disconnected; scenarios after it could not run`);
      throw this.broken;
    }
    this.pending ??= this.relaunch();
    return (await this.pending).browser;
  }

  private async relaunch(): Promise<OpenedBrowser> {
    const dead = this.opened!.browser;
    try {
      await this.release(dead).catch(() => undefined);
      this.opened = await this.open();
      this.relaunches++;
      return this.opened;
    } catch (err) {
      this.broken = err instanceof BrowserError ? err : new BrowserError(`the browser could not be launched again: ${String(err)}`);
      throw this.broken;
    } finally {
      this.pending = undefined;
    }
  }

  async close(): Promise<void> {
    await this.pending?.catch(() => undefined);
    if (this.opened) await this.release(this.opened.browser).catch(() => undefined);
  }
}

/** Results in input order; `done()` lists those finished so far, in that order. */
export class OrderedResults<T> {
  private readonly slots: (T | undefined)[];
  constructor(count: number) {
    this.slots = new Array<T | undefined>(count).fill(undefined);
  }
  set(index: number, value: T): void {
    this.slots[index] = value;
  }
  done(): T[] {
    return this.slots.filter((v): v is T => v !== undefined);
  }
}

/** `--workers N`: at least 1, never more than there are scenarios. */
export function workerCount(requested: number | undefined, scenarios: number): number {
  const n = requested ?? 1;
  return Math.max(1, Math.min(Math.floor(n), Math.max(1, scenarios)));
}
