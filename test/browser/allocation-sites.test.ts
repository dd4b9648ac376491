// --allocations end to end: a TypeScript app (two page modules and a fake node_modules
// package) bundled by esbuild into one script, leaked through a library subscription,
// hunted in real Chromium with V8's allocation tracker on.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'puppeteer';
import { launchBrowser, type LaunchedBrowser } from '../../lib/browser/launch.js';
import { ALLOCATION_TRACKING_JS_FLAGS, withJsFlags } from '../../lib/browser/allocation-tracking.js';
import { huntScenario } from '../../lib/runner/hunt.js';
import type { Leak, ScenarioResult } from '../../lib/analysis/result.js';
import { servePages, type PageServer, type PageSpec } from '../helpers/browser-fixtures.js';

const APP = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/alloc-app');
const JS = 'text/javascript; charset=utf-8';

/** 1-based line and column of the first `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

async function bundle(sourcemap: 'linked' | 'inline' | false, minifyWhitespace = false): Promise<{ js: string; map?: string }> {
  const r = await build({
    entryPoints: [join(APP, 'src/main.ts')],
    bundle: true,
    write: false,
    outdir: join(APP, 'dist'),
    sourcemap,
    minifyWhitespace,
    format: 'iife',
    logLevel: 'silent',
  });
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = r.outputFiles.find((f) => f.path.endsWith('.map'))?.text;
  return { js, map };
}

function openPanels(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as { openPanel(): void }).openPanel());
}

function widgetLeak(r: ScenarioResult): Leak {
  expect(r.status, r.error?.message).to.equal('leaks');
  const leak = r.leaks.find((l) => l.classes.some((c) => c.className === 'Widget'));
  expect(leak, r.leaks.map((l) => l.headline).join(', ')).to.not.equal(undefined);
  return leak!;
}

describe('browser/allocation-sites (--allocations)', function () {
  this.timeout(240_000);
  let launched: LaunchedBrowser;
  let server: PageServer;
  let plainJs: string;
  const widgetsTs = readFileSync(join(APP, 'src/widgets.ts'), 'utf8');
  const mainTs = readFileSync(join(APP, 'src/main.ts'), 'utf8');

  before(async () => {
    const mapped = await bundle('linked');
    const plain = await bundle(false);
    // One line, so every position sits on the script's first line, after its start column.
    const inline = await bundle('inline', true);
    plainJs = plain.js;
    const page = (src: string) => `<!doctype html><html><body><script src="${src}"></script></body></html>`;
    const pages: Record<string, string | PageSpec> = {
      '/mapped/': page('/mapped/dist/main.js'),
      '/mapped/dist/main.js': { body: mapped.js, type: JS },
      '/mapped/dist/main.js.map': { body: mapped.map!, type: 'application/json' },
      '/plain/': page('/plain/dist/main.js'),
      '/plain/dist/main.js': { body: plain.js, type: JS },
      // An inline script that starts mid-document, its map a data: URL.
      '/inline/': `<!doctype html>\n<html>\n<body>\n  <p>inline</p>  <script>${inline.js}</script>\n</body></html>`,
      // The map is announced but the server answers 404.
      '/broken/': page('/broken/dist/main.js'),
      '/broken/dist/main.js': { body: mapped.js, type: JS },
    };
    server = await servePages(pages);
    launched = await launchBrowser({ args: withJsFlags([], ALLOCATION_TRACKING_JS_FLAGS) });
  });
  after(async () => {
    await launched?.browser.close();
    await server?.close();
  });

  const hunt = (path: string, allocations = true) =>
    huntScenario(
      launched.browser,
      { file: `${path}scenario`, name: path, scenario: { url: `${server.url}${path}`, action: openPanels } },
      { iterations: 6, allocations },
    );

  it('names the TypeScript line of the `new` through an external source map, and ranks the bundled library class below the page class', async () => {
    const r = await hunt('/mapped/');
    const leak = widgetLeak(r);
    // Subscription (node_modules/some-lib) holds the Widget and retains more: by URL alone
    // both are page classes in one bundle and it would head the leak.
    expect(leak.headline).to.equal('Widget');
    expect(leak.classes.map((c) => c.className)).to.include('Subscription');
    expect(r.leaks.map((l) => l.headline)).to.not.include('Subscription');

    const top = leak.allocations?.[0];
    expect(top, JSON.stringify(leak.allocations)).to.not.equal(undefined);
    expect(top!.count).to.be.at.least(6);
    const [site, caller] = top!.frames;
    expect(site).to.include({ functionName: 'openWidget', file: 'src/widgets.ts', line: positionOf(widgetsTs, 'new Widget(').line, callSite: true });
    expect(site.note).to.equal(undefined);
    expect(site.library).to.equal(undefined);
    expect(caller).to.include({ functionName: 'openPanel', file: 'src/main.ts', line: positionOf(mainTs, 'openWidget(`').line, callSite: true });
  });

  it('names the bundle position with a note when the script has no source map', async () => {
    const r = await hunt('/plain/');
    const leak = widgetLeak(r);
    const site = leak.allocations?.[0]?.frames[0];
    expect(site, JSON.stringify(leak.allocations)).to.not.equal(undefined);
    const at = positionOf(plainJs, `new ${leak.headline}(`);
    expect(site).to.include({ file: `${server.url}/plain/dist/main.js`, line: at.line, column: at.column, callSite: true, note: 'no source map' });
  });

  it('maps an inline script through its data: URL map, offset by where the script starts', async () => {
    const leak = widgetLeak(await hunt('/inline/'));
    expect(leak.headline).to.equal('Widget');
    expect(leak.allocations?.[0]?.frames[0]).to.include({ file: 'src/widgets.ts', line: positionOf(widgetsTs, 'new Widget(').line });
  });

  it('falls back to the generated position with a note when the map cannot be loaded', async () => {
    const r = await hunt('/broken/');
    const leak = widgetLeak(r);
    const site = leak.allocations?.[0]?.frames[0];
    expect(site?.file).to.equal(`${server.url}/broken/dist/main.js`);
    expect(site?.note).to.match(/^source map main\.js\.map could not be loaded \(HTTP 404\)/);
  });

  it('uses the source map to rank classes without --allocations too', async () => {
    const r = await hunt('/mapped/', false);
    const leak = widgetLeak(r);
    expect(leak.headline).to.equal('Widget');
    expect(leak.allocations).to.equal(undefined);
  });
});
