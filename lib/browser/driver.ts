// What a caller may hand to the hunt: a Puppeteer Page, a Playwright Page or a bare CDP
// session. Each is recognised by its shape, so neither driver is imported here (Playwright
// is an optional peer) and a caller's own driver version is what runs.

import type { Page as PuppeteerPage } from 'puppeteer';
import type { CdpSession } from './cdp.js';
import { BrowserError, UsageError } from '../errors.js';

/** The part of Playwright's Page the hunt uses: its context opens a CDP session on it. */
export interface PlaywrightPage {
  context(): { newCDPSession(page: any): Promise<CdpSession> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type HuntTarget = PuppeteerPage | PlaywrightPage | CdpSession;

export interface AttachedTarget {
  /** Raw session, no deadline of ours yet. */
  session: CdpSession;
  /** True when leakhound opened the session and so detaches it on close. */
  owned: boolean;
  kind: 'puppeteer' | 'playwright' | 'cdp';
  /** Present for a Puppeteer page: its handles can be tracked and its events guarded. */
  puppeteerPage?: PuppeteerPage;
}

export function isPuppeteerPage(target: unknown): target is PuppeteerPage {
  const t = target as { createCDPSession?: unknown; browser?: unknown } | null;
  return !!t && typeof t.createCDPSession === 'function' && typeof t.browser === 'function';
}

export function isPlaywrightPage(target: unknown): target is PlaywrightPage {
  const t = target as { context?: unknown } | null;
  if (!t || typeof t.context !== 'function') return false;
  try {
    const context = (t as PlaywrightPage).context();
    return !!context && typeof context.newCDPSession === 'function';
  } catch {
    return false;
  }
}

export function isCdpSession(target: unknown): target is CdpSession {
  const t = target as Partial<Record<keyof CdpSession, unknown>> | null;
  return !!t && ['send', 'on', 'off', 'detach'].every((k) => typeof t[k as keyof CdpSession] === 'function');
}

/** Opens (or adopts) the CDP session a hunt runs on. */
export async function attachTarget(target: HuntTarget): Promise<AttachedTarget> {
  if (isPuppeteerPage(target)) {
    return { session: (await target.createCDPSession()) as unknown as CdpSession, owned: true, kind: 'puppeteer', puppeteerPage: target };
  }
  if (isPlaywrightPage(target)) {
    try {
      return { session: await target.context().newCDPSession(target), owned: true, kind: 'playwright' };
    } catch (err) {
      // Firefox and WebKit pages have no CDP: say so instead of Playwright's protocol error.
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      throw new BrowserError(`cannot open a CDP session on this Playwright page (leakhound needs Chromium): ${reason}`);
    }
  }
  if (isCdpSession(target)) return { session: target, owned: false, kind: 'cdp' };
  throw new UsageError('startHunt needs a Puppeteer Page, a Playwright Page (Chromium) or a CDP session with send/on/off/detach');
}
