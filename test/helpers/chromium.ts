// Real-browser fixtures for engine tests: serve one HTML page on 127.0.0.1, open it in the
// system Chromium through Puppeteer, and capture heap snapshots over CDP. Deliberately
// independent of lib/browser so the heap engine's tests do not depend on the runner.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer';

const CANDIDATES = [process.env.LEAKHOUND_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string | undefined {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p));
}

export interface PageContext {
  page: Page;
  browser: Browser;
  /** One CDP session per page, so node ids stay stable between its snapshots. */
  session: CDPSession;
  url: string;
}

/** Serves `html` at `/` on an ephemeral port and runs `fn` with the page loaded. */
export async function withPage<T>(html: string, fn: (ctx: PageContext) => Promise<T>): Promise<T> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found (set LEAKHOUND_CHROMIUM)');
  const server = await serve(html);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args });
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const session = await page.createCDPSession();
    return await fn({ page, browser, session, url });
  } finally {
    await browser.close().catch(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function serve(html: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      if (req.url === '/' || req.url?.startsWith('/?')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
      } else {
        res.writeHead(404).end();
      }
    });
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Takes a heap snapshot over `session` (a fresh one when omitted) and returns its text.
 * Test pages are small, so one string is fine here; the product streams chunks instead.
 */
export async function takeSnapshotText(page: Page, session?: CDPSession): Promise<string> {
  const s = session ?? (await page.createCDPSession());
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  s.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await s.send('HeapProfiler.enable');
    await s.send('HeapProfiler.collectGarbage');
    await s.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    s.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    if (!session) await s.detach().catch(() => undefined);
  }
  return chunks.join('');
}
