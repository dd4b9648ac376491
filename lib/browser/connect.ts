// `--connect`: hunt on a browser someone else started (browserless, a Chromium with
// --remote-debugging-port, Selenium Grid's CDP endpoint). The browser is theirs: we only
// create and close our own contexts, and disconnect at the end instead of closing it.

import puppeteer, { type Browser } from 'puppeteer';
import { BrowserError } from '../errors.js';
import { DEFAULT_PROTOCOL_TIMEOUT } from './launch.js';

export interface ConnectOptions {
  /** `ws://…` (the browser's WebSocket) or `http://host:port` (its DevTools HTTP endpoint). */
  endpoint: string;
  /** Milliseconds one CDP command may take; remote snapshots of big heaps take minutes. */
  protocolTimeout?: number;
  /** Longest wait for the endpoint to answer at all, ms. */
  connectTimeout?: number;
}

export interface ConnectedBrowser {
  browser: Browser;
  /** The endpoint with credentials and query (tokens) removed: safe to print and store. */
  endpoint: string;
  /** As the browser reports it, e.g. `Chrome/156.0.8078.108`. */
  version: string;
}

const DEFAULT_CONNECT_TIMEOUT = 30_000;

export async function connectBrowser(opts: ConnectOptions): Promise<ConnectedBrowser> {
  const shown = redactEndpoint(opts.endpoint);
  const timeout = opts.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
  const ws = await resolveWebSocketUrl(opts.endpoint, timeout);
  let browser: Browser;
  try {
    browser = await withTimeout(
      puppeteer.connect({
        browserWSEndpoint: ws,
        protocolTimeout: opts.protocolTimeout ?? DEFAULT_PROTOCOL_TIMEOUT,
        // The same page size a launched browser gets, so hunts compare across both.
        defaultViewport: { width: 800, height: 600 },
      }),
      timeout,
    );
  } catch (err) {
    throw new BrowserError(`could not connect to ${shown}: ${reasonOf(err, timeout)} (is the browser running and the address right?)`);
  }
  let version: string;
  try {
    version = await withTimeout(browser.version(), timeout);
  } catch (err) {
    await browser.disconnect().catch(() => undefined);
    throw new BrowserError(`${shown} accepted the connection but does not answer: ${reasonOf(err, timeout)}`);
  }
  return { browser, endpoint: shown, version };
}

/**
 * `http://host:port` → the `webSocketDebuggerUrl` from `/json/version`, as DevTools does.
 * Chromium builds that URL from the request's Host header, so it is reachable from here.
 */
export async function resolveWebSocketUrl(endpoint: string, timeout = DEFAULT_CONNECT_TIMEOUT): Promise<string> {
  const shown = redactEndpoint(endpoint);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new BrowserError(`--connect ${shown}: not a URL (expected ws://host:port/devtools/browser/… or http://host:port)`);
  }
  if (url.protocol === 'ws:' || url.protocol === 'wss:') return endpoint;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BrowserError(`--connect ${shown}: expected a ws://, wss://, http:// or https:// URL`);
  }
  const versionUrl = new URL('json/version', url.href.endsWith('/') ? url.href : `${url.href}/`);
  let body: unknown;
  try {
    const res = await fetch(versionUrl, { signal: AbortSignal.timeout(timeout) });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${redactEndpoint(versionUrl.href)}`);
    body = await res.json();
  } catch (err) {
    throw new BrowserError(`could not connect to ${shown}: ${reasonOf(err, timeout)} (is the browser running with --remote-debugging-port?)`);
  }
  const ws = (body as { webSocketDebuggerUrl?: unknown } | null)?.webSocketDebuggerUrl;
  if (typeof ws !== 'string' || !/^wss?:\/\//.test(ws)) {
    throw new BrowserError(`${shown}/json/version has no webSocketDebuggerUrl: not a DevTools endpoint`);
  }
  return ws;
}

/** Endpoints of hosted browsers carry tokens (`?token=…`, user:pass@): never print or store them. */
export function redactEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return endpoint.replace(/[?#].*$/, '');
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${Math.round(ms / 1000)} s`);
  }
}

function reasonOf(err: unknown, timeout: number): string {
  if (err instanceof TimeoutError) return err.message;
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${Math.round(timeout / 1000)} s`;
  // fetch hides the socket error in `cause`; ws errors put it in the message.
  // A refused WebSocket rejects with an ErrorEvent (not an Error): its `error` has the code.
  const e = err as { cause?: { code?: string; message?: string }; error?: { code?: string }; message?: unknown } | null;
  const code0 = e?.cause?.code ?? e?.error?.code ?? e?.cause?.message;
  if (code0) return code0;
  const message = err instanceof Error ? err.message : typeof e?.message === 'string' ? e.message : String(err);
  const code = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|ETIMEDOUT|EAI_AGAIN)\b/.exec(message)?.[1];
  if (code) return code;
  return (message.split('\n').find((l) => l.trim())?.trim() ?? 'unknown error').replace(/[?#]\S*/g, '');
}
