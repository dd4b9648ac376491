import { expect } from 'chai';
import { decodeAllocationTraces } from '../../lib/heap/allocation-traces.js';
import { parseHeapSnapshotChunks } from '../../lib/heap/read.js';
import { HeapSnapshotError } from '../../lib/heap/errors.js';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { withAllocationTraces, type TraceSpec } from '../helpers/trace-snapshot.js';

// The shape measured on Chromium 156: (root) → (V8 API) and → an evaluate script's
// anonymous function → action → makeWidget; Widget instances are charged to makeWidget.
function tracked(): { b: SnapshotBuilder; widgets: number[]; spec: TraceSpec } {
  const b = new SnapshotBuilder();
  const widgets = [b.node({ name: 'Widget' }), b.node({ name: 'Widget' }), b.node({ name: 'Widget' })];
  for (const w of widgets) b.prop(b.gcRoots, 'w', w);
  const spec: TraceSpec = {
    functions: [
      { name: '(root)' },
      { name: '(V8 API)' },
      { name: '', scriptName: '', scriptId: 6, line: 1, column: 1 },
      { name: 'action', scriptName: 'http://x/app.js', scriptId: 5, line: 6, column: 16 },
      { name: 'makeWidget', scriptName: 'http://x/app.js', scriptId: 5, line: 3, column: 20 },
    ],
    tree: [[1, 0, [[2, 1, []], [3, 2, [[4, 3, [[5, 4, []]]]]]]]],
    nodeTrace: new Map([[widgets[0], 5], [widgets[1], 5], [widgets[2], 4]]),
  };
  return { b, widgets, spec };
}

describe('heap/allocation-traces', () => {
  it('decodes function infos and walks a trace node up to the root, innermost first', async () => {
    const { b, widgets, spec } = tracked();
    const s = await parseHeapSnapshotChunks([withAllocationTraces(b, spec)]);
    expect(s.nodeTraceId?.[widgets[0]]).to.equal(5);
    const t = decodeAllocationTraces(s)!;
    expect(t).to.not.equal(null);
    expect(t.size).to.equal(5);
    expect(t.functions[4]).to.deep.equal({ functionId: 5, name: 'makeWidget', scriptName: 'http://x/app.js', scriptId: 5, line: 3, column: 20 });
    expect(t.stack(5).map((f) => t.functions[f].name)).to.deep.equal(['makeWidget', 'action', '']);
    expect(t.stack(4).map((f) => t.functions[f].name)).to.deep.equal(['action', '']);
    expect(t.stack(2).map((f) => t.functions[f].name)).to.deep.equal(['(V8 API)']);
    // 0 = allocated before tracking; unknown ids give no stack rather than a wrong one.
    expect(t.stack(0)).to.deep.equal([]);
    expect(t.stack(99)).to.deep.equal([]);
  });

  it('returns null for a snapshot taken without allocation tracking', async () => {
    const b = new SnapshotBuilder();
    b.prop(b.gcRoots, 'x', b.node({ name: 'X' }));
    const s = await parseHeapSnapshotChunks([b.toJSON()]);
    expect(s.nodeTraceId).to.equal(null);
    expect(decodeAllocationTraces(s)).to.equal(null);
  });

  it('walks a 10 000-deep tree (deep recursion in page code) without a stack overflow', async () => {
    const b = new SnapshotBuilder();
    const leaf = b.node({ name: 'Deep' });
    b.prop(b.gcRoots, 'd', leaf);
    const depth = 10_000;
    let tree: TraceSpec['tree'] = [];
    for (let id = depth; id >= 2; id--) tree = [[id, 1, tree]];
    const spec: TraceSpec = { functions: [{ name: '(root)' }, { name: 'recurse', scriptId: 3, line: 1, column: 17 }], tree: [[1, 0, tree]], nodeTrace: new Map([[leaf, depth]]) };
    const t = decodeAllocationTraces(await parseHeapSnapshotChunks([withAllocationTraces(b, spec)]))!;
    expect(t.stack(depth)).to.have.length(depth - 1);
  });

  it('refuses a tree that names a function out of range, naming the node', async () => {
    const { b, spec } = tracked();
    spec.tree = [[1, 0, [[2, 42, []]]]];
    const s = await parseHeapSnapshotChunks([withAllocationTraces(b, spec)]);
    expect(() => decodeAllocationTraces(s)).to.throw(HeapSnapshotError, /trace_tree node 2 names function 42/);
  });
});
