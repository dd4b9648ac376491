// Remote objects that Puppeteer asked for and never released keep page objects alive: the
// V8 inspector holds them through global handles (`DevTools console` in a snapshot) until
// `Runtime.releaseObject` or the context dies. Measured with Puppeteer 25: `page.click()`
// disposes its handle, but `locator.click()` never does on success, `waitForSelector()` and
// `$()` return handles scenarios rarely dispose, and an evaluation that throws leaves its
// exception object behind. The tracker records every object id Puppeteer's page session
// receives and releases those still alive on request.
//
// Remote objects belong to the CDP session that created them, so this must watch
// Puppeteer's own page session (`Page._client()`, internal but stable for years); without
// it the tracker does nothing and the analysis still hides inspector-held objects.

import type { CDPSession, Page } from 'puppeteer';

export interface HandleTracker {
  /** Object ids Puppeteer holds that `release()` would free. */
  readonly live: number;
  /** Never release what exists now: the scenario may keep handles from `setup` for later. */
  keepCurrent(): void;
  /** Releases everything recorded since the last `keepCurrent()`; returns how many went. */
  release(): Promise<number>;
  stop(): void;
}

type Send = (method: string, params?: Record<string, unknown>, options?: unknown) => Promise<unknown>;

interface RemoteObjectLike {
  type: string;
  subtype?: string;
  description?: string;
  objectId: string;
}

const PUPPETEER_INTERNAL_SOURCE = /sourceURL=pptr:internal\s*$/;

export function trackPuppeteerHandles(page: Page): HandleTracker {
  const client = puppeteerPageClient(page);
  if (!client) return inert;
  const target = client as unknown as { send: Send };
  const ownSend = Object.prototype.hasOwnProperty.call(target, 'send') ? target.send : undefined;
  const original = target.send;
  const live = new Set<string>();
  const kept = new Set<string>();

  const record = (method: string, params: Record<string, unknown> | undefined, result: unknown) => {
    const ids: RemoteObjectLike[] = [];
    collectRemoteObjects(result, ids, 0);
    if (ids.length === 0) return;
    // Puppeteer caches its injected helper (`pptr:internal`) and each frame's document
    // handle and breaks if they vanish; neither is ever a leak suspect.
    const cached = method === 'Runtime.evaluate' && isPuppeteerInternal(params?.expression);
    for (const o of ids) {
      if (cached || isPuppeteerInternal(params?.functionDeclaration) || isDocument(o)) kept.add(o.objectId);
      else live.add(o.objectId);
    }
  };

  const send: Send = async function (this: unknown, method, params, options) {
    if (method === 'Runtime.releaseObject' && typeof params?.objectId === 'string') {
      live.delete(params.objectId);
      kept.delete(params.objectId);
    }
    const result = await original.call(this, method, params, options);
    record(method, params, result);
    return result;
  };
  target.send = send;

  const onCleared = () => {
    live.clear();
    kept.clear();
  };
  client.on('Runtime.executionContextsCleared', onCleared);

  return {
    get live() {
      return live.size;
    },
    keepCurrent() {
      for (const id of live) kept.add(id);
      live.clear();
    },
    async release() {
      const ids = [...live];
      live.clear();
      const released = await Promise.all(
        ids.map((objectId) =>
          original.call(client, 'Runtime.releaseObject', { objectId }).then(
            () => 1,
            // Already gone with its context (navigation); nothing left to free.
            () => 0,
          ),
        ),
      );
      // Console and exception arguments are wrapped into the `console` group per session.
      await original.call(client, 'Runtime.releaseObjectGroup', { objectGroup: 'console' }).catch(() => undefined);
      return released.reduce<number>((a, b) => a + b, 0);
    },
    stop() {
      client.off('Runtime.executionContextsCleared', onCleared);
      if (target.send !== send) return;
      if (ownSend) target.send = ownSend;
      else delete (target as { send?: Send }).send;
    },
  };
}

function puppeteerPageClient(page: Page): CDPSession | undefined {
  const getter = (page as unknown as { _client?: () => CDPSession })._client;
  if (typeof getter !== 'function') return undefined;
  try {
    return getter.call(page);
  } catch {
    return undefined;
  }
}

function isPuppeteerInternal(code: unknown): boolean {
  return typeof code === 'string' && PUPPETEER_INTERNAL_SOURCE.test(code);
}

function isDocument(o: RemoteObjectLike): boolean {
  return o.subtype === 'node' && o.description === '#document';
}

/** Remote objects anywhere in a CDP result: results, exceptions, property descriptors. */
function collectRemoteObjects(value: unknown, out: RemoteObjectLike[], depth: number): void {
  if (depth > 5 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectRemoteObjects(item, out, depth + 1);
    return;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.type === 'string') {
    // A RemoteObject; its `value` is page data returned by value, not more handles.
    if (typeof o.objectId === 'string') out.push(o as unknown as RemoteObjectLike);
    return;
  }
  for (const key in o) collectRemoteObjects(o[key], out, depth + 1);
}

const inert: HandleTracker = {
  live: 0,
  keepCurrent() {},
  release: async () => 0,
  stop() {},
};
