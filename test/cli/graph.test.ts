// The backrefs graph and its DOT text, without rendering: which retainers are drawn, where
// the graph is cut, and that no page string can break out of a DOT label.
import { expect } from 'chai';
import { collectBackrefs } from '../../lib/graph/backrefs.js';
import { backrefsToDot, dotLabel, dotString } from '../../lib/graph/backrefs-dot.js';
import { edgeLabel } from '../../lib/graph/edge-label.js';
import { parseHeapSnapshot } from '../../lib/heap/parser.js';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';

describe('graph/backrefs', () => {
  // root → a → b → c → target, and 5 holders → target.
  function fixture() {
    const b = new SnapshotBuilder();
    const a = b.node({ name: 'A' });
    const bb = b.node({ name: 'B' });
    const c = b.node({ name: 'C' });
    const target = b.node({ name: 'Target' });
    b.prop(b.gcRoots, 'a', a).prop(a, 'b', bb).prop(bb, 'c', c).prop(c, 't', target);
    const holders = [0, 1, 2, 3, 4].map((i) => b.node({ name: `H${i}` }));
    holders.forEach((h, i) => b.edge(b.gcRoots, h, 'element', i + 2).prop(h, 'held', target));
    b.edge(b.gcRoots, target, 'weak', 'w');
    return { s: parseHeapSnapshot(b.toJSON()), target, c, bb, a };
  }
  const describe1 = (s: ReturnType<typeof fixture>['s']) => (n: number) => [s.name(n)];

  it('draws retainers up to maxDepth and marks objects cut by the depth', () => {
    const { s, target } = fixture();
    const skip = new Uint8Array(s.edgeCount);
    for (let e = 0; e < s.edgeCount; e++) if (s.edgeTypeName(e) === 'weak') skip[e] = 1;
    const g = collectBackrefs(s, [target], { maxDepth: 2, tooMany: 10, skipEdge: skip, describe: describe1(s) });
    const names = g.nodes.map((n) => n.lines[0]);
    expect(names).to.include.members(['Target', 'C', 'B', 'H0', 'H4', '(GC roots)']);
    expect(names).not.to.include('A');
    expect(g.nodes.find((n) => n.lines[0] === 'B')!.cutByDepth).to.equal(true);
    expect(g.nodes.find((n) => n.lines[0] === 'Target')!.kind).to.equal('target');
    // The weak edge from (GC roots) is not drawn.
    expect(g.edges.filter((e) => e.label.includes('weak'))).to.deep.equal([]);
  });

  it('shows tooMany retainers, closest to a root first, and "+N more" for the rest', () => {
    const { s, target, c } = fixture();
    const distance = new Uint32Array(s.nodeCount).fill(5);
    distance[c] = 1;
    const g = collectBackrefs(s, [target], { maxDepth: 1, tooMany: 2, distance, describe: describe1(s) });
    const into = g.edges.filter((e) => e.to === `n${target}`);
    expect(into).to.have.length(3);
    expect(into[0]).to.deep.equal({ from: `n${c}`, to: `n${target}`, label: '.t' });
    const more = g.nodes.find((n) => n.kind === 'more')!;
    // 1 (C) + 5 holders + 1 weak edge = 7 retainers; 2 shown.
    expect(more.lines).to.deep.equal(['+5 more']);
  });

  it('stops at roots', () => {
    const { s, target, bb } = fixture();
    const g = collectBackrefs(s, [target], { maxDepth: 10, tooMany: 10, isRoot: (n) => n === bb, describe: describe1(s) });
    const names = g.nodes.map((n) => n.lines[0]);
    expect(g.nodes.find((n) => n.node === bb)!.kind).to.equal('root');
    expect(names).not.to.include('A');
  });
});

describe('graph/backrefs-dot', () => {
  it('escapes quotes, backslashes and control characters in labels', () => {
    expect(dotString('a"b\\Nc\nd')).to.equal('"a\\"b\\\\Nc d"');
    expect(dotLabel(['x"', 'y\\'])).to.equal('"x\\"\\ny\\\\"');
    expect(dotString('x'.repeat(100), 10)).to.equal(`"${'x'.repeat(9)}…"`);
  });

  it('writes one statement per node and edge, with hostile names kept inside their strings', () => {
    const dot = backrefsToDot(
      {
        nodes: [
          { key: 'n1', node: 1, kind: 'target', lines: ['Evil"];  n9 [label="pwn'], cutByDepth: false },
          { key: 'n2', node: 2, kind: 'root', lines: ['Window'], cutByDepth: true },
          { key: 'more1', node: null, kind: 'more', lines: ['+3 more'], cutByDepth: false },
        ],
        edges: [
          { from: 'n2', to: 'n1', label: '["a\\"} digraph {"]' },
          { from: 'more1', to: 'n1', label: '' },
        ],
      },
      { title: 'T"' },
    );
    const statements = dot.split('\n').filter((l) => /^\s+(n|more)\d+ /.test(l));
    expect(statements).to.have.length(5);
    expect(dot).to.include('n1 [label="Evil\\"];  n9 [label=\\"pwn"');
    expect(dot).to.include('n2 -> n1 [label="[\\"a\\\\\\"} digraph {\\"]"]');
    expect(dot).to.include('more1 -> n1 [style=dashed]');
    expect(dot).to.include('label="T\\""');
    expect(dot).to.include('peripheries=2');
    // Unescaped quotes come in pairs on every line: no string is left open.
    for (const line of dot.split('\n')) expect((line.replace(/\\\\/g, '').replace(/\\"/g, '').match(/"/g) ?? []).length % 2).to.equal(0);
  });
});

describe('graph/edge-label', () => {
  it('reads like JavaScript property access', () => {
    expect(edgeLabel('property', 'store')).to.equal('.store');
    expect(edgeLabel('property', 'my key')).to.equal('["my key"]');
    expect(edgeLabel('property', '42')).to.equal('[42]');
    expect(edgeLabel('element', '3')).to.equal('[3]');
    expect(edgeLabel('context', 'count')).to.equal('.count (closure variable)');
    expect(edgeLabel('internal', 'map')).to.equal('.map (internal)');
    expect(edgeLabel('hidden', '7')).to.equal('(hidden 7)');
    expect(edgeLabel('shortcut', 'global_object')).to.equal('.global_object (shortcut)');
    expect(edgeLabel('weak', 'x')).to.equal('.x (weak)');
  });
});
