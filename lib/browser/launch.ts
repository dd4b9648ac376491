// Starts Chromium for a hunt. The flags keep the browser from doing background work of its
// own (updates, sync, prefetch) that would add noise to heap counters and snapshots.

import { spawnSync } from 'node:child_process';
import puppeteer, { type Browser } from 'puppeteer';
import { BrowserError } from '../errors.js';
import { findBrowser, type BrowserSource } from './find-browser.js';

export interface LaunchOptions {
  /** `--browser PATH`. */
  browser?: string;
  headful?: boolean;
  /** Milliseconds one CDP command may take; snapshots of big heaps take minutes. */
  protocolTimeout?: number;
  /** Extra Chromium flags. */
  args?: string[];
  /** Environment for the browser search; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export interface LaunchedBrowser {
  browser: Browser;
  path: string;
  source: BrowserSource;
  /** As the browser reports it, e.g. `Chrome/156.0.8078.108`. */
  version: string;
}

export const DEFAULT_PROTOCOL_TIMEOUT = 15 * 60_000;

export function chromiumArgs(extra: readonly string[] = []): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  // Chromium refuses to start its sandbox as root (containers, CI); elsewhere keep it.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return [...args, ...extra];
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const found = await findBrowser({ browser: opts.browser, env: opts.env });
  let browser: Browser;
  try {
    // Without userDataDir Puppeteer makes a fresh temporary profile and deletes it on close.
    browser = await puppeteer.launch({
      executablePath: found.path,
      pipe: true,
      headless: !opts.headful,
      args: chromiumArgs(opts.args),
      protocolTimeout: opts.protocolTimeout ?? DEFAULT_PROTOCOL_TIMEOUT,
    });
  } catch (err) {
    throw new BrowserError(`could not start ${found.path}: ${launchFailureReason(found.path, err)}`);
  }
  let version: string;
  try {
    version = await browser.version();
  } catch (err) {
    await browser.close().catch(() => undefined);
    throw new BrowserError(`${found.path} started but does not answer: ${firstLine(err)}`);
  }
  return { browser, path: found.path, source: found.source, version };
}

/**
 * Over a pipe Puppeteer only says "Target closed" when the browser dies at start, so ask
 * the binary itself: a missing library or a broken install shows up in `--version` too.
 */
function launchFailureReason(path: string, err: unknown): string {
  const probe = spawnSync(path, ['--headless', '--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error) return probe.error.message;
  if (probe.status !== 0) {
    const lines = `${probe.stderr}\n${probe.stdout}`.split('\n').map((l) => l.trim()).filter(Boolean);
    const reason = lines.at(-1);
    if (reason) return reason;
    return `exited with ${probe.signal ?? `code ${probe.status}`}`;
  }
  return firstLine(err);
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n').find((l) => l.trim())?.trim() ?? 'unknown error';
}
