// --workers N as users run it (real binary, real Chromium): the same verdicts as the plain
// sweep in the same order, and a browser killed mid-sweep is launched again for the rest.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT, ensureBuilt, leakhound, tempDir } from '../cli/harness.js';
import { plainDemoSweep, sweepDemo, verdictsOf } from '../helpers/demo-sweep.js';
import type { HuntResult } from '../../lib/analysis/result.js';

describe('run --workers (real Chromium)', function () {
  this.timeout(300_000);
  before(() => ensureBuilt());

  it('--workers 2 on the demo app: the same verdicts as the plain run, in scenario order', async () => {
    const [plain, parallel] = [await plainDemoSweep(), await sweepDemo(['--workers', '2'])];
    expect(plain.cli.code, plain.cli.stderr).to.equal(1);
    expect(parallel.cli.code, parallel.cli.stderr).to.equal(1);
    expect(verdictsOf(parallel.result)).to.deep.equal(verdictsOf(plain.result));
    expect(verdictsOf(plain.result).map((v) => v.status)).to.include.members(['leaks', 'clean']);
  });

  it('results stay in scenario order when a later scenario finishes first', async () => {
    const t = tempDir();
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><button id="b">b</button>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const slow = join(t.dir, 'a-slow.mjs');
      const fast = join(t.dir, 'b-fast.mjs');
      writeFileSync(slow, `export default { name: 'slow', url: '${url}', iterations: 4, async action(page) { await page.click('#b'); await new Promise((r) => setTimeout(r, 2000)); } };\n`);
      writeFileSync(fast, `export default { name: 'fast', url: '${url}', iterations: 2, async action(page) { await page.click('#b'); } };\n`);
      const json = join(t.dir, 'r.json');
      const r = await leakhound(['run', slow, fast, '--workers', '2', '--json', json, '--progress', 'simple']);
      expect(r.code, r.stderr).to.equal(0);
      // The plain renderer prints each scenario's final title when it finishes.
      expect(r.stderr.indexOf('fast: clean'), r.stderr).to.be.greaterThan(-1);
      expect(r.stderr.indexOf('fast: clean')).to.be.lessThan(r.stderr.indexOf('slow: clean'));
      const result = JSON.parse(readFileSync(json, 'utf8')) as HuntResult;
      expect(result.scenarios.map((s) => s.name)).to.deep.equal(['slow', 'fast']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      t.cleanup();
    }
  });

  describe('a browser killed mid-sweep', () => {
    const t = tempDir();
    let server: Server;
    let cliPid = 0;
    let killed: number[] = [];
    after(async () => {
      await new Promise<void>((r) => server?.close(() => r()));
      t.cleanup();
    });

    it('is launched again: the scenario that was running fails in one line, the next ones are hunted', async () => {
      // The page's action asks this server to kill the browser: the test kills it, from outside.
      server = createServer((req, res) => {
        if (req.url === '/kill') {
          killed = childrenOf(cliPid);
          for (const pid of killed) process.kill(pid, 'SIGKILL');
          res.end('killed');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><button id="b">b</button><script>let n = 0; document.getElementById("b").onclick = () => n++;</script>');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const scenario = (name: string, action: string) =>
        `export default { name: '${name}', url: '${url}', iterations: 2, async action(page) { ${action} } };\n`;
      const files = ['1-before.mjs', '2-killed.mjs', '3-after.mjs', '4-after.mjs'].map((f) => join(t.dir, f));
      writeFileSync(files[0], scenario('before', "await page.click('#b');"));
      writeFileSync(files[1], scenario('killed', "await page.evaluate(() => fetch('/kill').catch(() => {})); await new Promise((r) => setTimeout(r, 5000));"));
      writeFileSync(files[2], scenario('after', "await page.click('#b');"));
      writeFileSync(files[3], scenario('after again', "await page.click('#b');"));
      const json = join(t.dir, 'r.json');

      const cli = spawn(process.execPath, [join(ROOT, 'bin', 'leakhound.js'), 'run', ...files, '--json', json, '--progress', 'simple'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      cliPid = cli.pid!;
      let stderr = '';
      cli.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      cli.stdout.resume();
      const code = await new Promise<number | null>((r) => cli.on('close', r));

      expect(killed.length, 'the test found the browser process to kill').to.be.greaterThan(0);
      expect(code, stderr).to.equal(3);
      const result = JSON.parse(readFileSync(json, 'utf8')) as HuntResult;
      expect(result.scenarios.map((s) => [s.name, s.status])).to.deep.equal([
        ['before', 'clean'],
        ['killed', 'failed'],
        ['after', 'clean'],
        ['after again', 'clean'],
      ]);
      const error = result.scenarios[1].error!;
      expect(error.message).to.match(/browser (exited|had exited)/);
      expect(error.message).to.not.include('\n');
      expect(stderr).to.include('(browser relaunched)');
    });
  });
});

/** Direct children of `pid` (the browser Puppeteer spawned), from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}
