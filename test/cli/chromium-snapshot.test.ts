// The offline verbs on real snapshots from Chromium (the same bytes DevTools saves): a page
// that keeps LeakyThing objects and detached <div>s in `window.store`, snapshotted before and
// after it grows, in one HeapProfiler session so that object ids are comparable.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, takeSnapshotText, withPage } from '../helpers/chromium.js';
import { ensureBuilt, leakhound, tempDir } from './harness.js';

const PAGE = `<!doctype html><title>leaky</title><body><script>
class LeakyThing { constructor(i) { this.i = i; this.payload = new Array(16).fill(i); } }
window.store = { items: [], nodes: [] };
window.grow = (n) => {
  for (let i = 0; i < n; i++) {
    window.store.items.push(new LeakyThing(i));
    const div = document.createElement('div');
    document.body.appendChild(div);
    div.remove();
    window.store.nodes.push(div);
  }
};
grow(5);
</script></body>`;

describe('leakhound offline verbs on Chromium snapshots', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => void;
  let snapBefore: string;
  let snapAfter: string;

  before(async function () {
    if (!chromiumPath()) this.skip();
    ensureBuilt();
    ({ dir, cleanup } = tempDir());
    snapBefore = join(dir, 'before.heapsnapshot');
    snapAfter = join(dir, 'after.heapsnapshot');
    await withPage(PAGE, async ({ page, session }) => {
      writeFileSync(snapBefore, await takeSnapshotText(page, session));
      await page.evaluate('window.grow(20)');
      writeFileSync(snapAfter, await takeSnapshotText(page, session));
    });
  });
  after(() => cleanup?.());

  it('types lists the page class with its count', async () => {
    const r = await leakhound(['types', snapAfter, '--top', '1000']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^LeakyThing\s+25\s/m);
    expect(r.stdout).to.match(/^Detached <div>\s+25\s/m);
  });

  it('count and by-type agree, and every instance hangs off the window', async () => {
    expect((await leakhound(['count', snapBefore, 'LeakyThing'])).stdout).to.equal('5\n');
    expect((await leakhound(['count', snapAfter, 'Detached <div>'])).stdout).to.equal('25\n');
    const j = JSON.parse((await leakhound(['by-type', snapAfter, 'LeakyThing', '--limit', '100', '--json'])).stdout);
    expect(j.objects).to.have.length(25);
    for (const o of j.objects) expect(o).to.deep.include({ distance: 3, fromGcRoot: false });
  });

  it('chain walks window.store.items[k] from the Window', async () => {
    const j = JSON.parse((await leakhound(['by-type', snapAfter, 'LeakyThing', '--json'])).stdout);
    const id = j.objects[0].id;
    const r = await leakhound(['chain', snapAfter, `@${id}`]);
    expect(r.code).to.equal(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).to.match(/^root: the page's window — Window \(http:\/\/127\.0\.0\.1:\d+/);
    expect(lines[1]).to.match(/^\s+Window.* @\d+\s+→ \.store$/);
    expect(lines[2]).to.match(/^\s+Object @\d+\s+→ \.items$/);
    expect(lines[3]).to.match(/^\s+Array @\d+\s+→ \[\d+\]$/);
    expect(lines[4]).to.equal(`  LeakyThing @${id}`);
    const at = await leakhound(['at', snapAfter, String(id)]);
    expect(at.stdout).to.match(new RegExp(`^LeakyThing @${id}\\n`));
    expect(at.stdout).to.match(/\.payload\s+→ Array @\d+/);
  });

  it('diff shows the growth and why a new instance is alive', async () => {
    const r = await leakhound(['diff', snapBefore, snapAfter, '--top', '30']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.match(/^LeakyThing\s+5\s+25\s+\+20\s+20\s+0\s/m);
    expect(r.stdout).to.match(/^Detached <div>\s+5\s+25\s+\+20\s+20\s+0\s/m);
    const j = JSON.parse((await leakhound(['diff', snapBefore, snapAfter, '--top', '30', '--chains', '30', '--json'])).stdout);
    const chain = j.chains.find((c: { className: string }) => c.className === 'LeakyThing');
    expect(chain.root.kind).to.equal('window');
    expect(chain.links.map((l: { edge: string | null }) => l.edge).slice(0, 2)).to.deep.equal(['.store', '.items']);
    const div = j.chains.find((c: { className: string }) => c.className === 'Detached <div>');
    expect(div.links.map((l: { edge: string | null }) => l.edge).slice(0, 2)).to.deep.equal(['.store', '.nodes']);
  });

  it('graph renders the retainers of an instance to SVG', async () => {
    const j = JSON.parse((await leakhound(['by-type', snapAfter, 'Detached <div>', '--json'])).stdout);
    const out = join(dir, 'div.svg');
    const r = await leakhound(['graph', snapAfter, `@${j.objects[0].id}`, '-o', out]);
    expect(r.code, r.stderr).to.equal(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).to.match(/^(<\?xml|<svg)/);
    expect(svg).to.include('Detached &lt;div&gt;');
    expect(svg).to.include('>.nodes<');
  });
});
