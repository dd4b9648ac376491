import { expect } from 'chai';
import { edgesOf, nodeView, retainersOf } from '../../lib/heap/node-view.js';
import { computeDominators } from '../../lib/heap/dominators.js';
import { computeRetainerPaths } from '../../lib/heap/paths.js';
import { createInternalsFilter } from '../../lib/heap/internals.js';
import { consoleHandle, load, pageSkeleton } from './fixtures.js';

describe('heap/node-view', () => {
  it('shows a node, its edges and its retainers as plain objects', () => {
    const p = pageSkeleton();
    const div = p.b.node({ type: 'native', name: '<div id="x">', detachedness: 2, selfSize: 104 });
    const span = p.b.node({ type: 'native', name: '<span>', detachedness: 2, selfSize: 100 });
    p.b.prop(p.global, 'saved', div).edge(div, span, 'element', 4);
    consoleHandle(p, div, 21);
    const s = load(p.b);
    expect(nodeView(s, div)).to.deep.equal({
      id: p.b.idOf(div),
      index: div,
      className: 'Detached <div>',
      type: 'native',
      name: '<div id="x">',
      selfSize: 104,
      edgeCount: 1,
      detached: true,
    });
    const out = edgesOf(s, div);
    expect(out).to.have.length(1);
    expect(out[0]).to.include({ edgeType: 'element', edgeName: '4' });
    expect(out[0].node.name).to.equal('<span>');

    const paths = computeRetainerPaths(s, { filter: createInternalsFilter(s) });
    const dominators = computeDominators(s, paths);
    const ins = retainersOf(s, div, { paths, dominators });
    expect(ins.map((r) => [r.edgeName, r.node.index])).to.deep.equal([
      ['21 / DevTools console', p.globalHandles],
      ['saved', p.global],
    ]);
    expect(ins[0].skippedBecause).to.match(/DevTools protocol/);
    expect(ins[1].skippedBecause).to.equal(undefined);
    expect(ins[1].node.distance).to.equal(0);
    const view = nodeView(s, div, { paths, dominators });
    expect(view.retainedSize).to.equal(204);
    expect(view.distance).to.equal(1);
  });
});
