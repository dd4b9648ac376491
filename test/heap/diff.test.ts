import { expect } from 'chai';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { diffSnapshots } from '../../lib/heap/diff.js';
import { load } from './fixtures.js';

describe('heap/diff', () => {
  it('matches objects by node id, like the DevTools Comparison view', () => {
    const before = new SnapshotBuilder();
    before.node({ name: 'Foo', id: 101, selfSize: 16 });
    before.node({ name: 'Foo', id: 103, selfSize: 16 });
    before.node({ name: 'Bar', id: 201, selfSize: 40 });
    before.node({ name: 'Bar', id: 203, selfSize: 40 });
    before.node({ name: 'Same', id: 301 });
    // Same name, new id: a replacement, not the same object.
    before.node({ name: 'Baz', id: 401, selfSize: 8 });

    const after = new SnapshotBuilder();
    after.node({ name: 'Foo', id: 101, selfSize: 16 });
    after.node({ name: 'Foo', id: 103, selfSize: 16 });
    after.node({ name: 'Foo', id: 1005, selfSize: 16 });
    after.node({ name: 'Foo', id: 1001, selfSize: 24 });
    after.node({ name: 'Foo', id: 1003, selfSize: 16 });
    after.node({ name: 'Bar', id: 203, selfSize: 40 });
    after.node({ name: 'Same', id: 301 });
    after.node({ name: 'Baz', id: 403, selfSize: 8 });
    after.node({ name: 'New', id: 2001, selfSize: 4 });
    after.node({ type: 'number', name: 'smi number', id: 3001, selfSize: 0 });

    const diff = diffSnapshots(load(before), load(after));
    expect(diff.map((d) => d.className)).to.deep.equal(['Foo', 'New', 'Baz', 'Bar']);
    expect(diff[0]).to.deep.equal({
      className: 'Foo',
      added: 3,
      deleted: 0,
      delta: 3,
      sizeDelta: 56,
      addedIds: [1001, 1003, 1005],
      countBefore: 2,
      countAfter: 5,
    });
    expect(diff[2]).to.include({ className: 'Baz', added: 1, deleted: 1, delta: 0, sizeDelta: 0 });
    expect(diff[3]).to.include({ className: 'Bar', added: 0, deleted: 1, delta: -1, sizeDelta: -40, countAfter: 1 });
    expect(diff.find((d) => d.className === 'Same')).to.equal(undefined);
    expect(diff.find((d) => d.className === '(number)')).to.equal(undefined);
  });

  it('groups deleted objects under their class in the earlier snapshot', () => {
    const before = new SnapshotBuilder();
    before.node({ type: 'native', name: '<div id="a">', id: 11, detachedness: 2 });
    const after = new SnapshotBuilder();
    const diff = diffSnapshots(load(before), load(after));
    expect(diff.find((d) => d.className === 'Detached <div>')).to.include({ deleted: 1, delta: -1, countAfter: 0 });
  });
});
