// `inspect`: one scenario hunted by `huntScenario` on a browser that stays open afterwards,
// each leak's instance exposed in the page as `$leak1`, `$leak2`… (runner/expose.ts). The
// hunt, verdict and report are the ordinary ones; this file only loads the page, keeps the
// hunt's CDP session alive (heap ids are only valid on it) and says how to attach DevTools.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { launchBrowser, type LaunchedBrowser } from '../browser/launch.js';
import { describeError } from '../browser/page-guard.js';
import type { CdpSession } from '../browser/cdp.js';
import type { LoadedScenario } from '../scenario/types.js';
import type { ScenarioResult } from '../analysis/result.js';
import { BrowserError } from '../errors.js';
import { huntScenario, type HuntStep } from './hunt.js';
import { exposeLeaks, type ExposedLeak } from './expose.js';

export interface InspectOptions {
  /** `--url`: the page, or the base that a relative scenario url joins. */
  baseUrl?: string;
  iterations?: number;
  /** `--browser PATH`. */
  browser?: string;
  /** Show the window (the CLI decides from DISPLAY / WAYLAND_DISPLAY). */
  headful?: boolean;
  accept?: readonly string[];
  onStep?: (step: HuntStep, detail?: string) => void;
}

export interface AttachInfo {
  /** The DevTools port, bound to 127.0.0.1 only. */
  port: number;
  /** For Puppeteer's `connect({ browserWSEndpoint })` or any CDP client. */
  browserWSEndpoint: string;
  /** The inspected page's own CDP endpoint. */
  pageWSEndpoint: string;
  /** DevTools (served by the browser itself) attached to the inspected page. */
  devtoolsUrl: string;
}

export interface InspectSession {
  result: ScenarioResult;
  exposed: ExposedLeak[];
  browser: { path: string; version: string };
  startedAt: string;
  attach: AttachInfo;
  /** The inspected page, for callers that drive it further. */
  page: Page;
  /** Resolves when the browser exits or the inspected page is closed. */
  closed: Promise<void>;
  /** Ends the hunt's session and closes the browser; idempotent. */
  close(): Promise<void>;
}

/**
 * Hunts `loaded` on a browser of its own and leaves it running with the leaks exposed. The
 * hunt is the ordinary `huntScenario` on the browser's own window; its `whileOpen` hook keeps
 * the hunt's session attached (heap ids resolve only there) until `close()`. A hunt that
 * failed (the page did not load, a step threw) is in `result`, the browser still open.
 */
export async function inspectScenario(loaded: LoadedScenario, opts: InspectOptions = {}): Promise<InspectSession> {
  const startedAt = new Date().toISOString();
  // Our own profile dir, so the DevTools port the browser picked can be read back from it.
  const profile = mkdtempSync(join(tmpdir(), 'leakhound-inspect-'));
  let launched: LaunchedBrowser | undefined;
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  let hunting: Promise<ScenarioResult> | undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      release();
      await hunting?.catch(() => undefined);
      await launched?.browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    })());
  try {
    launched = await launchBrowser({
      browser: opts.browser,
      headful: opts.headful,
      args: ['--remote-debugging-port=0', `--user-data-dir=${profile}`],
    });
    const browser = launched.browser;
    // The window the browser opened with: in headful mode that is the one the user sees.
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    let opened: { result: ScenarioResult; exposed: ExposedLeak[]; attach: AttachInfo } | undefined;
    const ready = new Promise<void>((done) => {
      hunting = huntScenario(browser, loaded, {
        baseUrl: opts.baseUrl,
        iterations: opts.iterations,
        accept: opts.accept,
        onStep: opts.onStep,
        page,
        whileOpen: async (hunt, result) => {
          opened = { result, exposed: await exposeLeaks(hunt.heap.cdp, result.leaks), attach: await attachInfo(profile, hunt.heap.cdp) };
          done();
          await released;
        },
      });
      // A failed hunt never reaches whileOpen: it is over, the page as the failing step left it.
      hunting.then(() => done(), () => done());
    });
    await ready;
    const result = opened?.result ?? (await hunting!);
    const closed = new Promise<void>((done) => {
      browser.once('disconnected', () => done());
      page.once('close', () => done());
    });
    return {
      result,
      exposed: opened?.exposed ?? [],
      browser: { path: launched.path, version: launched.version },
      startedAt,
      attach: opened?.attach ?? (await attachOnOwnSession(profile, page)),
      page,
      closed,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** For a failed hunt, whose session is gone: a short-lived one of our own asks the target id. */
async function attachOnOwnSession(profile: string, page: Page): Promise<AttachInfo> {
  const cdp = await page.createCDPSession();
  try {
    return await attachInfo(profile, cdp);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function attachInfo(profile: string, cdp: CdpSession): Promise<AttachInfo> {
  let port: number;
  let browserPath: string;
  try {
    // Chromium writes the port it bound and the browser target's path once it listens.
    const [p, path] = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n');
    port = Number(p);
    browserPath = path ?? '';
  } catch (err) {
    throw new BrowserError(`the browser opened no DevTools port to attach to: ${describeError(err)}`);
  }
  const { targetInfo } = (await cdp.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
  const host = `127.0.0.1:${port}`;
  const pagePath = `/devtools/page/${targetInfo.targetId}`;
  return {
    port,
    browserWSEndpoint: `ws://${host}${browserPath}`,
    pageWSEndpoint: `ws://${host}${pagePath}`,
    devtoolsUrl: `http://${host}/devtools/inspector.html?ws=${host}${pagePath}`,
  };
}
