import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from '../../lib/browser/find-browser.js';
import { BrowserError } from '../../lib/errors.js';

describe('findBrowser', () => {
  let dir: string;
  let exe: string;
  let exe2: string;
  let notExecutable: string;
  const noCache = async () => undefined;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'leakhound-find-'));
    exe = join(dir, 'chrome-a');
    exe2 = join(dir, 'chromium');
    notExecutable = join(dir, 'plain');
    for (const f of [exe, exe2, notExecutable]) writeFileSync(f, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    chmodSync(exe2, 0o755);
    chmodSync(notExecutable, 0o644);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers --browser over the environment and everything else', async () => {
    const found = await findBrowser({ browser: exe, env: { PUPPETEER_EXECUTABLE_PATH: exe2 }, puppeteerCache: noCache });
    expect(found).to.deep.equal({ path: exe, source: 'flag' });
  });

  it('rejects a --browser path that does not exist, naming it', async () => {
    const missing = join(dir, 'nope');
    const err = await findBrowser({ browser: missing, env: {} }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(BrowserError);
    expect((err as Error).message).to.equal(`--browser ${missing}: no such file`);
  });

  it('rejects a --browser path that is not executable', async () => {
    const err = await findBrowser({ browser: notExecutable, env: {} }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(BrowserError);
    expect((err as Error).message).to.include(notExecutable).and.include('not executable');
  });

  it('uses PUPPETEER_EXECUTABLE_PATH before the Puppeteer cache and the system', async () => {
    const found = await findBrowser({
      env: { PUPPETEER_EXECUTABLE_PATH: exe2 },
      puppeteerCache: async () => exe,
      candidates: [exe],
    });
    expect(found).to.deep.equal({ path: exe2, source: 'env' });
  });

  it('reports a PUPPETEER_EXECUTABLE_PATH that points nowhere', async () => {
    const err = await findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: join(dir, 'gone') }, candidates: [exe] }).catch(
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(BrowserError);
    expect((err as Error).message).to.match(/^PUPPETEER_EXECUTABLE_PATH=.*gone: no such file$/);
  });

  it("uses Puppeteer's cached browser only when the file exists", async () => {
    expect(await findBrowser({ env: {}, puppeteerCache: async () => exe, candidates: [exe2] })).to.deep.equal({
      path: exe,
      source: 'puppeteer-cache',
    });
    expect(
      await findBrowser({ env: {}, puppeteerCache: async () => join(dir, 'not-downloaded'), candidates: [exe2] }),
    ).to.deep.equal({ path: exe2, source: 'system' });
  });

  it('asks Puppeteer itself by default, which finds nothing when the download was skipped', async () => {
    const found = await findBrowser({ env: {}, candidates: [exe2], commands: [] });
    expect(found.source).to.be.oneOf(['puppeteer-cache', 'system']);
  });

  it('skips missing and non-executable candidates, then searches PATH', async () => {
    const found = await findBrowser({
      env: {},
      puppeteerCache: noCache,
      candidates: [join(dir, 'missing'), notExecutable, exe2],
    });
    expect(found).to.deep.equal({ path: exe2, source: 'system' });
    const onPath = await findBrowser({ env: { PATH: `/nonexistent:${dir}` }, puppeteerCache: noCache, candidates: [], commands: ['plain', 'chromium'] });
    expect(onPath).to.deep.equal({ path: exe2, source: 'system' });
  });

  it('says how to get a browser when none is found', async () => {
    const err = await findBrowser({ env: { PATH: '' }, puppeteerCache: noCache, candidates: [], commands: ['chromium'] }).catch(
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(BrowserError);
    const message = (err as Error).message;
    expect(message).to.not.include('\n');
    for (const hint of ['--browser PATH', 'PUPPETEER_EXECUTABLE_PATH', 'apt-get install -y chromium', 'npx puppeteer browsers install chrome']) {
      expect(message).to.include(hint);
    }
  });

  it('lists macOS application bundles as candidates there', async () => {
    const err = await findBrowser({ env: { HOME: dir }, platform: 'darwin', puppeteerCache: noCache, commands: [] }).catch(
      (e: unknown) => e,
    );
    // No Chrome.app on this machine: the search must still end in the one-line advice.
    if (err instanceof BrowserError) expect(err.message).to.match(/^no Chrome or Chromium found/);
    else expect((err as { path: string }).path).to.include('.app/Contents/MacOS/');
  });
});
