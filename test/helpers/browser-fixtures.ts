// Fixtures for lib/browser and lib/scenario tests: pages served from memory on 127.0.0.1,
// one browser per test file, and snapshots streamed from HeapSession into the heap parser
// as the runner does it.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer';
import { launchBrowser, type LaunchedBrowser } from '../../lib/browser/launch.js';
import type { HeapSession } from '../../lib/browser/heap-session.js';
import { HeapSnapshotParser } from '../../lib/heap/parser.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';

export interface PageSpec {
  body: string;
  status?: number;
  type?: string;
  /** Hold the response this long, ms (to keep the network busy). */
  delayMs?: number;
}

export interface PageServer {
  /** Base URL without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Serves `pages` (path → HTML or spec) on an ephemeral 127.0.0.1 port; anything else is 404. */
export async function servePages(pages: Record<string, string | PageSpec>): Promise<PageServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const entry = pages[path];
    if (entry === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const spec = typeof entry === 'string' ? { body: entry } : entry;
    const send = () => {
      res.writeHead(spec.status ?? 200, { 'content-type': spec.type ?? 'text/html; charset=utf-8' });
      res.end(spec.body);
    };
    // unref: a response held past the test must not keep mocha from exiting.
    if (spec.delayMs) setTimeout(send, spec.delayMs).unref();
    else send();
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

/**
 * One browser for the whole `describe` block (call inside it): launching is the slow
 * part and the machine is shared. `defer` registers cleanups that must run while the
 * browser is still up (mocha runs `after` hooks in registration order, so a test file's
 * own `after` would run once the browser is gone).
 */
export function useBrowser(): {
  readonly browser: Browser;
  readonly launched: LaunchedBrowser;
  defer(cleanup: () => Promise<unknown> | unknown): void;
} {
  let launched: LaunchedBrowser | undefined;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  before(async function () {
    this.timeout(60_000);
    launched = await launchBrowser({});
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await launched?.browser.close();
  });
  return {
    get browser() {
      if (!launched) throw new Error('browser not launched yet');
      return launched.browser;
    },
    get launched() {
      if (!launched) throw new Error('browser not launched yet');
      return launched;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
}

export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** The chunks as they arrived, for tests of streaming itself. */
export async function snapshotChunks(heap: HeapSession): Promise<string[]> {
  const chunks: string[] = [];
  await heap.takeSnapshot((chunk) => chunks.push(chunk));
  return chunks;
}

/** A snapshot parsed while it streams, as the runner reads it. */
export async function takeSnapshot(heap: HeapSession): Promise<HeapSnapshot> {
  const parser = new HeapSnapshotParser({ source: 'test snapshot' });
  await heap.takeSnapshot((chunk) => parser.write(chunk));
  return parser.end();
}

export interface RetainedNode {
  name: string;
  type: string;
  detachedness: number;
  /** Names of the edges from the root down to the node, for failure messages. */
  path: string[];
}

/**
 * Nodes matching `match` that are strongly reachable from the snapshot root (weak edges
 * skipped; inspector-held handles count, since releasing them is what we test).
 */
export function retainedNodes(
  s: HeapSnapshot,
  match: (node: { name: string; type: string; detachedness: number }) => boolean,
): RetainedNode[] {
  const parent = new Int32Array(s.nodeCount).fill(-1);
  const parentEdge = new Int32Array(s.nodeCount).fill(-1);
  parent[s.rootIndex] = s.rootIndex;
  const queue = [s.rootIndex];
  const weak = s.edgeTypes.weak;
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head]!;
    for (let e = s.firstEdge[n]!; e < s.firstEdge[n + 1]!; e++) {
      if (s.edgeType[e] === weak) continue;
      const to = s.edgeTo[e]!;
      if (parent[to] !== -1) continue;
      parent[to] = n;
      parentEdge[to] = e;
      queue.push(to);
    }
  }
  const found: RetainedNode[] = [];
  for (let i = 0; i < s.nodeCount; i++) {
    if (parent[i] === -1) continue;
    const node = { name: s.name(i), type: s.typeName(i), detachedness: s.nodeDetachedness[i]! };
    if (!match(node)) continue;
    const path: string[] = [];
    for (let n = i; n !== s.rootIndex; n = parent[n]!) path.unshift(s.edgeName(parentEdge[n]!));
    found.push({ ...node, path });
  }
  return found;
}
