import { expect } from 'chai';
import { allocationStacks, findCallSite, functionEnd, lineStarts, positionOf } from '../../lib/analysis/allocation-sites.js';
import { parseHeapSnapshotChunks } from '../../lib/heap/read.js';
import { decodeDataUrl, displaySourcePath, isLibrarySource } from '../../lib/browser/source-maps.js';
import { sourceMappingUrl } from '../../lib/browser/scripts.js';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { withAllocationTraces } from '../helpers/trace-snapshot.js';

describe('analysis/allocation-sites', () => {
  it('groups a class\'s tracked instances by stack, most first, dropping the hunt\'s own frames', async () => {
    const b = new SnapshotBuilder();
    const make = (name: string) => {
      const n = b.node({ name });
      b.prop(b.gcRoots, 'x', n);
      return n;
    };
    const w = [make('Widget'), make('Widget'), make('Widget'), make('Widget'), make('Widget')];
    const other = make('Other');
    const functions = [
      { name: '(root)' },
      { name: '(V8 API)' },
      { name: '', scriptName: 'pptr:evaluate;1', scriptId: 7, line: 1, column: 1 },
      { name: '', scriptName: 'pptr:evaluate;2', scriptId: 8, line: 1, column: 1 },
      { name: 'openPanel', scriptName: 'http://x/app.js', scriptId: 5, line: 9, column: 19 },
      { name: 'openWidget', scriptName: 'http://x/app.js', scriptId: 5, line: 3, column: 20 },
      { name: 'restore', scriptName: 'http://x/app.js', scriptId: 5, line: 20, column: 17 },
      { name: 'push', scriptId: 0 },
    ];
    // Two evaluate scripts (hidden) reach openWidget the same way: one stack, 3 instances.
    const tree: [number, number, never[]][] | unknown = [
      [1, 0, [
        [2, 2, [[3, 4, [[4, 5, []]]]]],
        [5, 3, [[6, 4, [[7, 5, []]]]]],
        [8, 3, [[9, 6, [[10, 7, []]]]]],
        [11, 1, []],
      ]],
    ];
    const nodeTrace = new Map([[w[0], 4], [w[1], 4], [w[2], 7], [w[3], 10], [w[4], 11], [other, 4]]);
    const s = await parseHeapSnapshotChunks([withAllocationTraces(b, { functions, tree: tree as never, nodeTrace })]);
    const stacks = allocationStacks(s, ['Widget'], { hiddenScriptIds: [7, 8] })!;
    expect([...stacks.keys()]).to.deep.equal(['Widget']);
    const sites = stacks.get('Widget')!;
    expect(sites.map((x) => x.count)).to.deep.equal([3, 1]);
    expect(sites[0].frames).to.deep.equal([
      { functionName: 'openWidget', scriptId: 5, url: 'http://x/app.js', line: 2, column: 19 },
      { functionName: 'openPanel', scriptId: 5, url: 'http://x/app.js', line: 8, column: 18 },
    ]);
    // A named builtin stays (line -1); the (V8 API)-only instance has no page frame at all.
    expect(sites[1].frames.map((f) => [f.functionName, f.line])).to.deep.equal([['push', -1], ['restore', 19]]);
  });

  it('returns null for a snapshot without allocation traces', async () => {
    const b = new SnapshotBuilder();
    b.prop(b.gcRoots, 'x', b.node({ name: 'Widget' }));
    expect(allocationStacks(await parseHeapSnapshotChunks([b.toJSON()]), ['Widget'])).to.equal(null);
  });

  it('finds the `new` and the calls inside a function, not past its end', () => {
    const src = [
      'var Widget = class { constructor(t) { this.t = t; } };',
      'function openWidget(title) {',
      '  const s = "new Widget(in a string)"; // new Widget( in a comment',
      '  const widget = new Widget(title);',
      '  return widget;',
      '}',
      'function later() { return new Widget(2); }',
    ].join('\n');
    const starts = lineStarts(src);
    const fnStart = src.indexOf('(title)');
    const at = findCallSite(src, fnStart, 'Widget', true);
    expect(positionOf(starts, at)).to.deep.equal({ line: 3, column: 17 });
    expect(findCallSite(src, src.indexOf('(t)'), 'Widget', true)).to.equal(-1);
    expect(findCallSite(src, src.indexOf('() { return new'), 'Widget', true)).to.equal(src.lastIndexOf('new Widget'));
    // A plain call, also through a property, but not a longer name that ends the same way.
    const calls = 'function a() { x.openWidgetLater(); this.openWidget (1); }';
    expect(findCallSite(calls, calls.indexOf('()'), 'openWidget', false)).to.equal(calls.indexOf('openWidget ('));
    expect(findCallSite(calls, calls.indexOf('()'), '', false)).to.equal(-1);
    expect(findCallSite('function $a() { new $b$(); }', 11, '$b$', true)).to.equal(16);
    // How bundlers reach imports: a module object, and webpack's `(0, mod.f)(` call.
    const wp = 'function f() { const w = new _widgets__WEBPACK_IMPORTED_MODULE_0__.Widget(1); (0, _m.openWidget)(w); }';
    expect(findCallSite(wp, wp.indexOf('()'), 'Widget', true)).to.equal(wp.indexOf('new _widgets'));
    expect(findCallSite(wp, wp.indexOf('()'), 'openWidget', false)).to.equal(wp.indexOf('openWidget)'));
    expect(findCallSite('function g() { new WidgetFactory(); }', 10, 'Widget', true)).to.equal(-1);
  });

  it('ends a function at its body, and an arrow\'s expression body at the enclosing list', () => {
    const src = 'f((a = {b: 1}) => { if (a) { g(`}${a}`); } }, (x) => new X(x), 3);';
    const first = src.indexOf('(a =');
    expect(functionEnd(src, first)).to.equal(src.indexOf(', (x)'));
    expect(src.slice(src.indexOf('(x)'), functionEnd(src, src.indexOf('(x)')))).to.equal('(x) => new X(x)');
  });
});

describe('browser/source-maps helpers', () => {
  it('decodes base64 and percent-encoded data: URLs', () => {
    expect(decodeDataUrl('data:application/json;charset=utf-8;base64,' + Buffer.from('{"a":1}').toString('base64'))).to.equal('{"a":1}');
    expect(decodeDataUrl('data:application/json,%7B%22a%22%3A1%7D')).to.equal('{"a":1}');
  });

  it('shows source paths without bundler prefixes and tells node_modules apart', () => {
    expect(displaySourcePath('../src/widgets.ts')).to.equal('src/widgets.ts');
    expect(displaySourcePath('webpack://my-app/./src/a.tsx')).to.equal('src/a.tsx');
    expect(displaySourcePath('http://127.0.0.1:8080/src/b.ts')).to.equal('src/b.ts');
    expect(isLibrarySource('../node_modules/some-lib/index.js')).to.equal(true);
    expect(isLibrarySource('webpack://app/node_modules/react/cjs/react.js')).to.equal(true);
    expect(isLibrarySource('src/node_modules_helper.ts')).to.equal(false);
  });

  it('reads the last sourceMappingURL comment of a script', () => {
    expect(sourceMappingUrl('a();\n//# sourceMappingURL=main.js.map\n')).to.equal('main.js.map');
    expect(sourceMappingUrl('a();\n//@ sourceMappingURL=old.map\n//# sourceMappingURL=new.map')).to.equal('new.map');
    expect(sourceMappingUrl('var s = "//# sourceMappingURL=x.map in a string";')).to.equal('');
  });
});
