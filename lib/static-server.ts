// A tiny static file server for demo pages, the leak corpus and tests. node:http only, so
// running the corpus needs no extra dependency and starts in milliseconds.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, isAbsolute } from 'node:path';

export interface StaticServerOptions {
  /** Directory served at `/`. */
  root: string;
  /** URL prefix → directory, e.g. `{ '/vendor/react/': 'node_modules/react/umd' }`. */
  mounts?: Record<string, string>;
  /** Default 127.0.0.1: pages under test must never be reachable from the network. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface StaticServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  // Browsers refuse module scripts served with a non-JavaScript type.
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

interface Mount {
  prefix: string;
  dir: string;
}

/** Longest prefix first, so `/vendor/react-dom/` wins over a hypothetical `/vendor/`. */
function buildMounts(root: string, mounts: Record<string, string> | undefined): Mount[] {
  const list: Mount[] = Object.entries(mounts ?? {}).map(([prefix, dir]) => ({
    prefix: prefix.endsWith('/') ? prefix : `${prefix}/`,
    dir: resolve(dir),
  }));
  list.sort((a, b) => b.prefix.length - a.prefix.length);
  list.push({ prefix: '/', dir: resolve(root) });
  return list;
}

/**
 * Maps a URL path to a file inside one of the mounted directories, or null when the path
 * is malformed or escapes its directory. Decoding happens before the containment check so
 * that `%2e%2e/` cannot slip past it.
 */
function resolveRequestPath(urlPath: string, mounts: readonly Mount[]): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  for (const { prefix, dir } of mounts) {
    if (!decoded.startsWith(prefix) && decoded !== prefix.slice(0, -1)) continue;
    const rest = decoded.slice(prefix.length);
    const file = resolve(join(dir, rest));
    const rel = relative(dir, file);
    if (rel === '') return file;
    if (rel.startsWith('..') || isAbsolute(rel)) return null;
    return file;
  }
  return null;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

async function serveFile(req: IncomingMessage, res: ServerResponse, mounts: readonly Mount[]): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'Method Not Allowed\n');
    return;
  }
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  let file = resolveRequestPath(pathname, mounts);
  if (file === null) {
    send(res, 404, 'Not Found\n');
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    // Relative links in an index page resolve against the URL, so it must end with '/'.
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { Location: `${pathname}/`, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    send(res, 404, 'Not Found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': info.size,
    // Every load of a hunt must see the files on disk now, never a cached copy.
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export async function startStaticServer(opts: StaticServerOptions): Promise<StaticServer> {
  const mounts = buildMounts(opts.root, opts.mounts);
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    serveFile(req, res, mounts).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        // A browser keeps idle keep-alive sockets open; without this close() would hang.
        server.closeAllConnections();
        server.close((err) => (err ? rejectClose(err) : resolveClose()));
      }),
  };
}
