import { expect } from 'chai';
import { SnapshotBuilder, type NodeSpec } from '../helpers/snapshot-builder.js';
import { className, classIndex, propagateDetachedness } from '../../lib/heap/class-names.js';
import { load } from './fixtures.js';

describe('heap/class-names', () => {
  it('names nodes as the DevTools Summary does', () => {
    const b = new SnapshotBuilder();
    const cases: [NodeSpec, string][] = [
      [{ type: 'hidden', name: 'system / Foo' }, '(system)'],
      [{ type: 'object', name: 'Foo' }, 'Foo'],
      [{ type: 'object', name: 'system / Context / scope @457' }, 'system / Context / scope @457'],
      [{ type: 'native', name: 'system / FunctionTemplateInfo' }, 'system / FunctionTemplateInfo'],
      [{ type: 'native', name: '<div id="a" class="b">', detachedness: 1 }, '<div>'],
      [{ type: 'native', name: '<span>' }, '<span>'],
      [{ type: 'native', name: '<div id="d0">', detachedness: 2 }, 'Detached <div>'],
      [{ type: 'native', name: 'Detached <li class="x">', detachedness: 2 }, 'Detached <li>'],
      [{ type: 'native', name: 'Text', detachedness: 2 }, 'Detached Text'],
      [{ type: 'object', name: 'Foo', detachedness: 2 }, 'Foo'],
      [{ type: 'code', name: 'system / Code / X' }, '(compiled code)'],
      [{ type: 'closure', name: 'onClick' }, 'Function'],
      [{ type: 'regexp', name: '/a+/' }, 'RegExp'],
      [{ type: 'string', name: 'hello' }, '(string)'],
      [{ type: 'concatenated string', name: 'ab' }, '(concatenated string)'],
      [{ type: 'sliced string', name: 'b' }, '(sliced string)'],
      [{ type: 'array', name: '(object elements)' }, '(array)'],
      [{ type: 'number', name: 'heap number' }, '(number)'],
      [{ type: 'object shape', name: 'system / Map' }, '(object shape)'],
      [{ type: 'symbol', name: 'symbol' }, '(symbol)'],
      [{ type: 'bigint', name: 'bigint' }, '(bigint)'],
    ];
    const nodes = cases.map(([spec]) => b.node(spec));
    const s = load(b);
    const ci = classIndex(s);
    cases.forEach(([, expected], i) => {
      expect(className(s, nodes[i]), expected).to.equal(expected);
      expect(ci.names[ci.classOf[nodes[i]]], expected).to.equal(expected);
    });
    expect(className(s, b.root)).to.equal('(synthetic)');
  });

  it('interns each class name once', () => {
    const b = new SnapshotBuilder();
    for (let i = 0; i < 5; i++) b.node({ type: 'native', name: `<div id="${i}">` });
    for (let i = 0; i < 3; i++) b.node({ type: 'native', name: `<div id="x${i}">`, detachedness: 2 });
    b.node({ name: 'Foo' });
    b.node({ name: 'Foo' });
    const s = load(b);
    const { names, classOf } = classIndex(s);
    expect(new Set(names).size).to.equal(names.length);
    const count = (name: string) => classOf.filter((c) => names[c] === name).length;
    expect(count('<div>')).to.equal(5);
    expect(count('Detached <div>')).to.equal(3);
    expect(count('Foo')).to.equal(2);
  });

  it('propagates detachedness through native objects only, attached first', () => {
    const b = new SnapshotBuilder();
    const div = b.node({ type: 'native', name: '<div id="a">', detachedness: 2 });
    const data = b.node({ type: 'native', name: 'blink::UniqueElementData' });
    const shared = b.node({ type: 'native', name: 'blink::ComputedStyle' });
    const body = b.node({ type: 'native', name: '<body>', detachedness: 1 });
    const js = b.node({ type: 'object', name: 'Object' });
    const viaHidden = b.node({ type: 'native', name: 'blink::Hidden' });
    const viaWeak = b.node({ type: 'native', name: 'blink::Weak' });
    b.edge(div, data, 'element', 1).edge(div, shared, 'element', 2).edge(body, shared, 'element', 1);
    b.edge(div, js, 'property', 'x').edge(div, viaHidden, 'hidden', 3).edge(div, viaWeak, 'weak', 'w');
    const s = load(b);
    const det = propagateDetachedness(s);
    expect(det[data]).to.equal(2);
    expect(det[shared]).to.equal(1);
    expect(det[js]).to.equal(0);
    expect(det[viaHidden]).to.equal(0);
    expect(det[viaWeak]).to.equal(0);
    expect(className(s, data)).to.equal('blink::UniqueElementData');
    expect(className(s, data, det)).to.equal('Detached blink::UniqueElementData');
    const ci = classIndex(s);
    expect(ci.names[ci.classOf[data]]).to.equal('Detached blink::UniqueElementData');
    expect(ci.names[ci.classOf[shared]]).to.equal('blink::ComputedStyle');
    // The snapshot itself is left untouched.
    expect(s.nodeDetachedness[data]).to.equal(0);
  });
});
