import { expect } from 'chai';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, launchBrowser } from '../../lib/browser/launch.js';
import { BrowserError } from '../../lib/errors.js';

describe('browser/launchBrowser', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'leakhound-launch-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the quiet-browser flags, and --no-sandbox only as root', () => {
    const args = chromiumArgs(['--lang=en']);
    expect(args).to.include.members([
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=en',
    ]);
    expect(args.includes('--no-sandbox')).to.equal(process.getuid?.() === 0);
  });

  it('starts headless over a pipe with a temporary profile that close removes', async () => {
    const launched = await launchBrowser({});
    const args = launched.browser.process()?.spawnargs ?? [];
    const profile = args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
    try {
      expect(launched.version).to.match(/^(Headless)?Chrome\/\d+\./);
      expect(args).to.include('--remote-debugging-pipe');
      expect(profile && existsSync(profile), 'profile exists while running').to.equal(true);
    } finally {
      await launched.browser.close();
    }
    expect(existsSync(profile!), 'profile removed on close').to.equal(false);
  });

  it('says in one line why a browser would not start', async () => {
    const fake = join(dir, 'broken-chrome');
    writeFileSync(fake, '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n');
    chmodSync(fake, 0o755);
    const err = await launchBrowser({ browser: fake }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(BrowserError);
    expect((err as Error).message).to.equal(
      `could not start ${fake}: error while loading shared libraries: libnss3.so`,
    );
  });

  it('fails with the finder error when --browser is wrong', async () => {
    const err = await launchBrowser({ browser: join(dir, 'nothing-here') }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(BrowserError);
    expect((err as Error).message).to.match(/--browser .*nothing-here: no such file/);
  });
});
