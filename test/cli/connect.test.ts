// --connect as users run it: a second Chromium started by the test with a debugging port
// (as a CI service or browserless would be), hunted over ws:// and http://; it must give
// the plain run's verdicts and still be running, with none of our pages left, afterwards.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, leakhound, tempDir } from './harness.js';
import type { HuntResult } from '../../lib/analysis/result.js';
import { chromiumArgs } from '../../lib/browser/launch.js';
import { closedPort } from '../helpers/browser-fixtures.js';
import { chromiumPath } from '../helpers/chromium.js';
import { DEMO_APP, DEMO_SCENARIOS, plainDemoSweep, sweepDemo, verdictsOf } from '../helpers/demo-sweep.js';

interface RemoteChromium {
  process: ChildProcess;
  ws: string;
  http: string;
  stop(): Promise<void>;
}

/** `chromium --headless --remote-debugging-port=0`: the URL comes from its "DevTools listening on" line. */
async function startRemoteChromium(): Promise<RemoteChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'leakhound-remote-'));
  // Its own process group, so that stop() kills its helper processes too: killed alone, the
  // browser left them writing into the profile while it was being deleted.
  const child = spawn(chromiumPath()!, chromiumArgs(['--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank']), {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const ws = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools URL from Chromium: ${text.slice(-500)}`)), 30_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${text.slice(-500)}`)));
  });
  child.stderr!.resume();
  const url = new URL(ws);
  return {
    process: child,
    ws,
    http: `http://${url.host}`,
    stop: async () => {
      // A process killed by a signal has no exit code, only a signal code.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
        await exited;
      }
      // The kernel may still be tearing the helpers down for a moment.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

async function openPages(http: string): Promise<string[]> {
  const list = (await (await fetch(`${http}/json/list`)).json()) as { type: string; url: string }[];
  return list.filter((t) => t.type === 'page').map((t) => t.url);
}

describe('run --connect (real Chromium)', function () {
  this.timeout(300_000);
  let remote: RemoteChromium;
  before(async () => {
    ensureBuilt();
    remote = await startRemoteChromium();
  });
  after(async () => remote?.stop());

  it('ws:// endpoint: the same verdicts as the plain run; the browser keeps running and our pages are gone', async () => {
    const plain = await plainDemoSweep();
    const remoteRun = await sweepDemo(['--connect', remote.ws]);
    expect(remoteRun.cli.code, remoteRun.cli.stderr).to.equal(plain.cli.code);
    expect(verdictsOf(remoteRun.result)).to.deep.equal(verdictsOf(plain.result));
    expect(remoteRun.result.browser?.path).to.equal(remote.ws);
    expect(remote.process.exitCode, 'the user\'s browser was not closed').to.equal(null);
    const pages = await openPages(remote.http);
    expect(pages.filter((u) => u.startsWith('http://127.0.0.1')), 'contexts we created are closed').to.deep.equal([]);
  });

  it('http://host:port endpoint (resolved through /json/version), with --workers 2', async () => {
    const files = DEMO_SCENARIOS.filter((f) => /team-search|settings-dialog/.test(f));
    const plain = await plainDemoSweep();
    const r = await sweepDemo(['--connect', remote.http, '--workers', '2'], files);
    const expected = verdictsOf(plain.result).filter((v) => r.result.scenarios.some((s) => s.name === v.name));
    expect(expected).to.have.length(2);
    expect(verdictsOf(r.result)).to.deep.equal(expected);
    expect(remote.process.exitCode).to.equal(null);
  });

  it('an unreachable endpoint: exit 3 and one line naming the URL, without its token', async () => {
    const port = await closedPort();
    const r = await leakhound(['run', DEMO_SCENARIOS[0], '--serve', DEMO_APP, '--progress', 'silent', '--connect', `ws://127.0.0.1:${port}/devtools/browser/x?token=s3cret`]);
    expect(r.code).to.equal(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(new RegExp(`^leakhound: could not connect to ws://127\\.0\\.0\\.1:${port}/devtools/browser/x: ECONNREFUSED`));
    expect(r.stderr).to.not.include('s3cret');
    const h = await leakhound(['run', DEMO_SCENARIOS[0], '--serve', DEMO_APP, '--progress', 'silent', '--connect', `http://127.0.0.1:${port}`]);
    expect(h.code).to.equal(3);
    expect(h.stderr.trim().split('\n')).to.have.length(1);
    expect(h.stderr).to.include(`could not connect to http://127.0.0.1:${port}`);
  });

  it('--connect with --browser or --headful is a usage error', async () => {
    const r = await leakhound(['run', DEMO_SCENARIOS[0], '--connect', remote.ws, '--browser', '/usr/bin/chromium']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('--connect uses a running browser');
  });
});

describe('run --connect when the remote browser goes away (real Chromium)', function () {
  this.timeout(300_000);
  const t = tempDir();
  let remote: RemoteChromium;
  let server: Server;
  before(async () => {
    ensureBuilt();
    remote = await startRemoteChromium();
  });
  after(async () => {
    await remote?.stop();
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    t.cleanup();
  });

  it('is not relaunched: the running scenario and the ones after it fail in one line each, exit 3', async () => {
    server = createServer((req, res) => {
      if (req.url === '/kill') {
        remote.process.kill('SIGKILL');
        res.end('killed');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><button id="b">b</button>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const scenario = (name: string, action: string) =>
      `export default { name: '${name}', url: '${url}', iterations: 2, async action(page) { ${action} } };\n`;
    const files = ['1.mjs', '2.mjs', '3.mjs'].map((f) => join(t.dir, f));
    writeFileSync(files[0], scenario('before', "await page.click('#b');"));
    writeFileSync(files[1], scenario('killed', "await page.evaluate(() => fetch('/kill').catch(() => {})); await new Promise((r) => setTimeout(r, 5000));"));
    writeFileSync(files[2], scenario('after', "await page.click('#b');"));
    const json = join(t.dir, 'r.json');
    const r = await leakhound(['run', ...files, '--connect', remote.ws, '--json', json, '--progress', 'silent']);
    expect(r.code, r.stderr).to.equal(3);
    const result = JSON.parse(readFileSync(json, 'utf8')) as HuntResult;
    expect(result.scenarios.map((s) => [s.name, s.status])).to.deep.equal([
      ['before', 'clean'],
      ['killed', 'failed'],
      ['after', 'failed'],
    ]);
    expect(result.scenarios[2].error).to.deep.equal({
      step: 'browser',
      message: `the browser at ${remote.ws} disconnected; scenarios after it could not run`,
    });
  });
});
