import { expect } from 'chai';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { describeRoot, findUserRoots } from '../../lib/heap/roots.js';
import { load, pageSkeleton } from './fixtures.js';

describe('heap/roots', () => {
  it('seeds live Windows and their global objects, not a removed iframe’s Window', () => {
    const p = pageSkeleton('http://a.test');
    const leaked = p.b.node({ type: 'native', name: 'Window', selfSize: 912 });
    const leakedGlobal = p.b.node({ name: 'Window [JSGlobalObject]' });
    p.b.edge(leaked, leakedGlobal, 'shortcut', 'global_object');
    p.b.prop(p.global, 'leakedWin', leaked);
    const s = load(p.b);
    expect(Array.from(findUserRoots(s))).to.deep.equal([p.window, p.global]);
  });

  it('falls back to "document not detached" when frames are not in the snapshot', () => {
    const b = new SnapshotBuilder();
    const live = b.node({ type: 'native', name: 'Window / http://a.test' });
    const liveDoc = b.node({ type: 'native', name: 'HTMLDocument', detachedness: 1 });
    const dead = b.node({ type: 'native', name: 'Window' });
    const deadDoc = b.node({ type: 'native', name: 'HTMLDocument', detachedness: 2 });
    b.edge(live, liveDoc, 'element', 1).edge(dead, deadDoc, 'element', 1);
    const s = load(b);
    expect(Array.from(findUserRoots(s))).to.deep.equal([live]);
  });

  it('honours user roots linked from the synthetic root (older snapshots)', () => {
    const b = new SnapshotBuilder();
    const win = b.node({ type: 'object', name: 'Window / http://old.test' });
    const trees = b.node({ type: 'synthetic', name: '(Document DOM trees)' });
    b.edge(b.root, win, 'shortcut', 2).edge(b.root, trees, 'element', 3);
    const s = load(b);
    expect(Array.from(findUserRoots(s))).to.deep.equal([win, trees]);
  });

  it('names chain starts for page authors', () => {
    const p = pageSkeleton('http://a.test');
    const div = p.b.node({ type: 'native', name: '<div>' });
    const fn = p.b.node({ type: 'closure', name: 'f' });
    const s = load(p.b);
    expect(describeRoot(s, p.window)).to.deep.equal({ kind: 'window', label: 'Window (http://a.test)' });
    expect(describeRoot(s, p.global)).to.deep.equal({ kind: 'window', label: 'Window (http://a.test)' });
    expect(describeRoot(s, p.persistent)).to.deep.equal({ kind: 'native-root', label: 'Blink (C++ Persistent roots)' });
    expect(describeRoot(s, p.globalHandles).kind).to.equal('gc-root');
    expect(describeRoot(s, p.globalHandles).label).to.match(/global handles/);
    expect(describeRoot(s, div)).to.deep.equal({ kind: 'dom', label: '<div>' });
    expect(describeRoot(s, p.frame)).to.deep.equal({ kind: 'native-root', label: 'blink::LocalFrame' });
    expect(describeRoot(s, fn)).to.deep.equal({ kind: 'other', label: 'f' });
  });
});
