// The analyses on real Chromium heap snapshots: one browser, two snapshots in one CDP
// session (so node ids match), every assertion on the parsed results.
import { expect } from 'chai';
import { takeSnapshotText, withPage } from '../helpers/chromium.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';
import { parseHeapSnapshot } from '../../lib/heap/parser.js';
import { classIndex, type ClassIndex } from '../../lib/heap/class-names.js';
import { countByClass, nodesOfClass, classStatistics } from '../../lib/heap/stats.js';
import { diffSnapshots } from '../../lib/heap/diff.js';
import { createInternalsFilter, type InternalsFilter } from '../../lib/heap/internals.js';
import {
  computeRetainerPaths,
  hiddenReasonOf,
  retainerChain,
  serializeChain,
  type RetainerPaths,
} from '../../lib/heap/paths.js';
import { computeDominators } from '../../lib/heap/dominators.js';
import { describeRoot } from '../../lib/heap/roots.js';

const PAGE = `<!doctype html><html><body><button id="b">b</button><script>
class Foo { constructor(i) { this.i = i; } }
class Logged { constructor() { this.tag = 'logged'; } }
class Handled { constructor() { this.tag = 'handled'; } }
window.store = { items: [] };
for (let i = 0; i < 100; i++) window.store.items.push(new Foo(i));
window.addFoos = (n) => { for (let i = 0; i < n; i++) window.store.items.push(new Foo(100 + i)); };
window.detached = [];
for (let i = 0; i < 5; i++) {
  const d = document.createElement('div');
  d.id = 'd' + i;
  d.appendChild(document.createElement('span'));
  window.detached.push(d);
}
</script></body></html>`;

describe('heap analyses on a real Chromium snapshot', function () {
  this.timeout(60_000);
  let first: HeapSnapshot;
  let second: HeapSnapshot;
  let classes: ClassIndex;
  let filter: InternalsFilter;
  let paths: RetainerPaths;

  before(async () => {
    const [a, b] = await withPage(PAGE, async ({ page, session }) => {
      // Runtime enabled on the snapshot's session: the console now keeps what is logged.
      await session.send('Runtime.enable');
      await session.send('Runtime.evaluate', { expression: 'console.log(new Logged())' });
      const handle = await page.evaluateHandle('new Handled()');
      // Harness code that leaves a function behind in the page: Blink's listener list holds it.
      // (A string, not a function: the test runner's transpiler would inject helpers.)
      await page.evaluate(`{
        const owned = { tag: 'pptr-owned' };
        document.body.addEventListener('click', function pptrListener() { return owned; });
      }`);
      const textA = await takeSnapshotText(page, session);
      await page.evaluate('addFoos(10)');
      const textB = await takeSnapshotText(page, session);
      await handle.dispose();
      return [textA, textB];
    });
    first = parseHeapSnapshot(a);
    second = parseHeapSnapshot(b);
    classes = classIndex(first);
    filter = createInternalsFilter(first);
    paths = computeRetainerPaths(first, { filter });
  });

  it('counts the 100 Foo instances', () => {
    expect(countByClass(first, 'Foo', { classes })).to.equal(100);
    const row = classStatistics(first, { classes, retained: false }).find((r) => r.className === 'Foo');
    expect(row?.count).to.equal(100);
  });

  it('chains a Foo as Window → store → items → [i] → Foo', () => {
    const foo = nodesOfClass(first, 'Foo', { classes })[42];
    const chain = retainerChain(first, paths, foo);
    expect(chain).to.not.equal(null);
    expect(describeRoot(first, chain![0].node).kind).to.equal('window');
    const links = serializeChain(first, chain!);
    expect(links.slice(0, -1).map((l) => l.edgeName)).to.deep.equal(['store', 'items', '42']);
    expect(links.map((l) => l.edgeType)).to.deep.equal(['property', 'property', 'element', null]);
    expect(links[links.length - 1].className).to.equal('Foo');
  });

  it('names detached divs `Detached <div>` and chains them from the array holding them', () => {
    expect(countByClass(first, 'Detached <div>', { classes })).to.equal(5);
    expect(countByClass(first, 'Detached <span>', { classes })).to.equal(5);
    const div = nodesOfClass(first, 'Detached <div>', { classes })[0];
    const links = serializeChain(first, retainerChain(first, paths, div)!);
    expect(links.map((l) => l.edgeName)).to.deep.equal(['detached', '0', null]);
  });

  it('gives objects only the console or a Puppeteer handle holds no chain, and says why', () => {
    const reasons = hiddenReasonOf(first, paths);
    for (const cls of ['Logged', 'Handled']) {
      const [node] = nodesOfClass(first, cls, { classes });
      expect(node, cls).to.be.a('number');
      expect(retainerChain(first, paths, node), cls).to.equal(null);
      expect(filter.reasons[reasons[node] - 1]?.id, cls).to.equal('devtools-console');
      // Without the filter the inspector's global handle is what holds it.
      const raw = computeRetainerPaths(first);
      const rawChain = serializeChain(first, retainerChain(first, raw, node)!);
      expect(rawChain[0].name).to.equal('(Global handles)');
      expect(rawChain[0].edgeName).to.match(/^\d+ \/ DevTools console$/);
    }
  });

  it('hides functions from page.evaluate() code, and explains what it hid', () => {
    const listener = nodesOfClass(first, 'Function', { classes }).find((n) => first.name(n) === 'pptrListener');
    expect(listener).to.be.a('number');
    expect(retainerChain(first, paths, listener!)).to.equal(null);
    expect(filter.reasons[hiddenReasonOf(first, paths)[listener!] - 1]?.id).to.equal('evaluation-script');
    const ids = filter.reasons.filter((r) => r.edges > 0).map((r) => r.id);
    expect(ids).to.include.members(['weak', 'devtools-console', 'isolated-world', 'evaluation-script']);
    expect(filter.explain().join('\n')).to.match(/DevTools protocol/);
  });

  it('computes retained sizes: each detached div retains its span', () => {
    const dominators = computeDominators(first, paths);
    const [foo] = nodesOfClass(first, 'Foo', { classes });
    expect(dominators.retainedSize[foo]).to.be.at.least(first.selfSize(foo));
    const stats = classStatistics(first, { classes, dominators });
    const div = stats.find((r) => r.className === 'Detached <div>')!;
    const spans = stats.find((r) => r.className === 'Detached <span>')!;
    expect(div.retainedSize).to.be.at.least(div.selfSize + spans.selfSize);
  });

  it('diffs the two snapshots by node id', () => {
    const diff = diffSnapshots(first, second, { beforeClasses: classes });
    const foo = diff.find((d) => d.className === 'Foo');
    expect(foo).to.include({ added: 10, deleted: 0, delta: 10, countBefore: 100, countAfter: 110 });
    const ids = new Set(nodesOfClass(first, 'Foo', { classes }).map((n) => first.id(n)));
    expect(foo!.addedIds.every((id) => !ids.has(id))).to.equal(true);
  });
});
