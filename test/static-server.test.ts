import { expect } from 'chai';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer, type StaticServer } from '../lib/static-server.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch normalises `..` away before the request leaves. */
function get(base: string, rawPath: string, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  let dir: string;
  let server: StaticServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leakhound-static-'));
    const site = join(dir, 'site');
    const vendor = join(dir, 'vendor-react');
    await mkdir(join(site, 'sub'), { recursive: true });
    await mkdir(join(site, 'empty'), { recursive: true });
    await mkdir(vendor, { recursive: true });
    await writeFile(join(site, 'index.html'), '<h1>home</h1>');
    await writeFile(join(site, 'app.js'), 'export const a = 1;');
    await writeFile(join(site, 'mod.mjs'), 'export const b = 2;');
    await writeFile(join(site, 'style.css'), 'body{}');
    await writeFile(join(site, 'data.json'), '{"x":1}');
    await writeFile(join(site, 'icon.svg'), '<svg/>');
    await writeFile(join(site, 'pic.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(join(site, 'file with space.txt'), 'spaced');
    await writeFile(join(site, 'sub', 'index.html'), '<h1>sub</h1>');
    await writeFile(join(vendor, 'react.production.min.js'), 'window.React={};');
    // Sits next to the served folders: a traversal that works would read it.
    await writeFile(join(dir, 'secret.txt'), 'TOP SECRET');
    server = await startStaticServer({ root: site, mounts: { '/vendor/react/': vendor } });
  });

  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a free port by default', () => {
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.to.match(/:0$/);
  });

  it('serves each file type with its content type and no-store', async () => {
    const cases: [string, string][] = [
      ['/index.html', 'text/html'],
      ['/app.js', 'text/javascript'],
      ['/mod.mjs', 'text/javascript'],
      ['/style.css', 'text/css'],
      ['/data.json', 'application/json'],
      ['/icon.svg', 'image/svg+xml'],
      ['/pic.png', 'image/png'],
    ];
    for (const [path, type] of cases) {
      const res = await get(server.url, path);
      expect(res.status, path).to.equal(200);
      expect(res.headers['content-type'], path).to.contain(type);
      expect(res.headers['cache-control'], path).to.equal('no-store');
    }
    expect((await get(server.url, '/app.js')).body).to.equal('export const a = 1;');
  });

  it('serves index.html for the root and for directories', async () => {
    expect((await get(server.url, '/')).body).to.equal('<h1>home</h1>');
    expect((await get(server.url, '/sub/')).body).to.equal('<h1>sub</h1>');
    expect((await get(server.url, '/?q=1#x')).body).to.equal('<h1>home</h1>');
  });

  it('redirects a directory without a trailing slash', async () => {
    const res = await get(server.url, '/sub');
    expect(res.status).to.equal(301);
    expect(res.headers.location).to.equal('/sub/');
  });

  it('answers 404 for missing files and for directories without index.html', async () => {
    for (const path of ['/nope.html', '/empty/', '/sub/missing.js', '/vendor/react/nope.js']) {
      const res = await get(server.url, path);
      expect(res.status, path).to.equal(404);
      expect(res.headers['cache-control'], path).to.equal('no-store');
    }
  });

  it('decodes percent-escapes in paths', async () => {
    const res = await get(server.url, '/file%20with%20space.txt');
    expect(res.status).to.equal(200);
    expect(res.body).to.equal('spaced');
  });

  it('serves mounted directories under their prefix', async () => {
    const res = await get(server.url, '/vendor/react/react.production.min.js');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.contain('text/javascript');
    expect(res.body).to.equal('window.React={};');
  });

  it('answers HEAD without a body', async () => {
    const res = await get(server.url, '/app.js', 'HEAD');
    expect(res.status).to.equal(200);
    expect(res.headers['content-length']).to.equal(String('export const a = 1;'.length));
    expect(res.body).to.equal('');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get(server.url, '/index.html', 'POST');
    expect(res.status).to.equal(405);
  });

  it('never serves a file outside root or a mount', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/sub/../../secret.txt',
      '/sub/%2e%2e/%2e%2e/secret.txt',
      '/vendor/react/../secret.txt',
      '/vendor/react/%2e%2e/secret.txt',
      '/vendor/react/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%00/../secret.txt',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const res = await get(server.url, path);
      expect(res.body, path).not.to.contain('TOP SECRET');
      expect(res.status, path).to.equal(404);
    }
  });

  it('closes although a client keeps a keep-alive connection open', async () => {
    const extra = await startStaticServer({ root: join(dir, 'site') });
    const res = await fetch(`${extra.url}/index.html`, { headers: { connection: 'keep-alive' } });
    expect(await res.text()).to.equal('<h1>home</h1>');
    await extra.close();
    const err = await fetch(`${extra.url}/index.html`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(Error);
  });
});
