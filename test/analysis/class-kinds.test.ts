import { expect } from 'chai';
import { pageSkeleton, load } from '../heap/fixtures.js';
import { apiClassNames, classOrigins, recognise, Recognition } from '../../lib/analysis/class-kinds.js';

describe('class recognition (what a leak row is headed by)', () => {
  it('ranks page classes over minified library classes, detached DOM, DOM, functions and built-ins', () => {
    const p = pageSkeleton();
    const { b } = p;
    const chart = b.node({ name: 'TrafficChart' });
    const minified = b.node({ name: 'Tk' });
    const map = b.node({ name: 'Map' });
    const wrapper = b.node({ name: 'MutationObserver' });
    const ctor = b.node({ type: 'closure', name: 'MutationObserver' });
    const apiCode = b.node({ type: 'code', name: 'system / Code / HandleApiCallOrConstruct (builtin)' });
    b.edge(ctor, apiCode, 'internal', 'code');
    const detached = b.node({ type: 'native', name: '<div>', detachedness: 2 });
    const attached = b.node({ type: 'native', name: '<style>', detachedness: 1 });
    const mark = b.node({ type: 'native', name: 'PerformanceMark' });
    const blink = b.node({ type: 'native', name: 'blink::UndoStep' });
    const fn = b.node({ type: 'closure', name: 'onScroll' });
    const system = b.node({ name: 'system / Context' });
    // CategoryScale's constructor lives in an installed package's script.
    const scale = b.node({ name: 'CategoryScale' });
    const scaleCtor = b.node({ type: 'closure', name: 'CategoryScale' });
    const sfi = b.node({ type: 'code', name: 'system / SharedFunctionInfo / CategoryScale' });
    const script = b.node({ type: 'code', name: 'system / Script / http://127.0.0.1:1/node_modules/chart.js/dist/chart.umd.js' });
    b.edge(scaleCtor, sfi, 'internal', 'shared').edge(sfi, script, 'internal', 'script');
    const s = load(b);
    const api = apiClassNames(s);
    expect([...api]).to.deep.equal(['MutationObserver']);
    const origins = classOrigins(s);
    expect([...origins.library]).to.deep.equal(['CategoryScale']);
    const r = (n: number, cls = s.name(n)) => recognise(s, n, cls, origins);
    expect(r(scale)).to.equal(Recognition.LibraryClass);
    expect(r(chart)).to.equal(Recognition.UserClass);
    expect(r(minified)).to.equal(Recognition.LibraryClass);
    expect(r(detached, 'Detached <div>')).to.equal(Recognition.DetachedDom);
    expect(r(attached)).to.equal(Recognition.Dom);
    expect(r(mark)).to.equal(Recognition.Dom);
    expect(r(fn, 'Function')).to.equal(Recognition.Function);
    expect(r(map)).to.equal(Recognition.Builtin);
    expect(r(wrapper)).to.equal(Recognition.Builtin);
    expect(r(blink)).to.equal(Recognition.None);
    expect(r(system)).to.equal(Recognition.None);
    expect(Recognition.UserClass > Recognition.DetachedDom && Recognition.DetachedDom > Recognition.LibraryClass).to.equal(true);
  });
});
