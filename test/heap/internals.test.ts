import { expect } from 'chai';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';
import { createInternalsFilter, internalRules, type InternalRuleId } from '../../lib/heap/internals.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';
import { consoleHandle, load, pageSkeleton, type PageSkeleton } from './fixtures.js';

/** The edge index of from → to (the first one). */
function edgeOf(s: HeapSnapshot, from: number, to: number): number {
  for (let e = s.firstEdge[from]; e < s.firstEdge[from + 1]; e++) if (s.edgeTo[e] === to) return e;
  throw new Error(`no edge ${from} → ${to}`);
}

function ruleOf(s: HeapSnapshot, from: number, to: number, opts = {}): InternalRuleId | undefined {
  return createInternalsFilter(s, opts).reasonOf(edgeOf(s, from, to))?.id;
}

/** closure -shared-> SharedFunctionInfo -script-> Script -source_url-> url, as V8 writes them. */
function closureFrom(p: PageSkeleton, url: string, asName = false): number {
  const { b } = p;
  const script = b.node({ type: 'code', name: asName ? `system / Script / ${url}` : 'system / Script / ', selfSize: 80 });
  const urlString = b.node({ type: 'string', name: url });
  if (!asName) b.edge(script, urlString, 'internal', 'source_url');
  const sfi = b.node({ type: 'code', name: 'system / SharedFunctionInfo', selfSize: 48 });
  b.edge(sfi, script, 'internal', 'script');
  const fn = b.node({ type: 'closure', name: '', selfSize: 32 });
  b.edge(fn, sfi, 'internal', 'shared');
  return fn;
}

describe('heap/internals', () => {
  it('skips weak edges and the DevTools console’s global handles', () => {
    const p = pageSkeleton();
    const logged = p.b.node({ name: 'Logged' });
    const other = p.b.node({ name: 'Other' });
    const weakly = p.b.node({ name: 'Weakly' });
    consoleHandle(p, logged, 18);
    p.b.edge(p.globalHandles, other, 'internal', 19);
    p.b.edge(p.global, weakly, 'weak', 'w');
    const s = load(p.b);
    const f = createInternalsFilter(s);
    expect(f.reasonOf(edgeOf(s, p.globalHandles, logged))?.id).to.equal('devtools-console');
    expect(f.skipEdge[edgeOf(s, p.globalHandles, logged)]).to.be.greaterThan(0);
    expect(f.reasonOf(edgeOf(s, p.globalHandles, other))).to.equal(undefined);
    expect(f.skipEdge[edgeOf(s, p.globalHandles, other)]).to.equal(0);
    expect(f.reasonOf(edgeOf(s, p.global, weakly))?.id).to.equal('weak');
    expect(f.reasons.map((r) => r.id)).to.deep.equal(internalRules().map((r) => r.id));
    expect(f.reasons.find((r) => r.id === 'devtools-console')!.edges).to.equal(1);
    expect(f.explain()).to.deep.equal([
      '1 edge skipped: weak reference (does not keep its target alive)',
      '1 edge skipped: held by the DevTools protocol (console messages, remote objects such as Puppeteer or Playwright handles)',
    ]);
  });

  it('skips what Blink’s inspector agents hold', () => {
    const p = pageSkeleton();
    const agent = p.b.node({ type: 'native', name: 'blink::InspectorDOMAgent' });
    const backing = p.b.node({ type: 'native', name: 'blink::HeapHashTableBacking<…>' });
    const div = p.b.node({ type: 'native', name: '<div>', detachedness: 2 });
    p.b.edge(p.frame, agent, 'element', 3).edge(agent, backing, 'element', 1).edge(backing, div, 'element', 1);
    const s = load(p.b);
    expect(ruleOf(s, agent, backing)).to.equal('inspector-agent');
    expect(ruleOf(s, p.frame, agent)).to.equal(undefined);
  });

  it('skips edges into isolated worlds (Puppeteer’s utility world), never into the page’s', () => {
    const p = pageSkeleton('http://a.test');
    const { b } = p;
    const utilContext = b.node({ type: 'native', name: 'system / NativeContext / http://a.test' });
    const utilProxy = b.node({ name: 'Window [JSGlobalProxy] / http://a.test' });
    const utilGlobal = b.node({ name: 'Window [JSGlobalObject] / http://a.test' });
    const proxyOwner = b.node({ type: 'native', name: 'blink::LocalWindowProxy' });
    b.edge(utilContext, utilProxy, 'internal', 'global_proxy_object').edge(utilContext, utilGlobal, 'internal', 'global_object');
    b.edge(utilProxy, utilGlobal, 'shortcut', 'global_object').edge(utilProxy, utilContext, 'shortcut', 'native_context');
    b.edge(p.frame, proxyOwner, 'element', 4).edge(proxyOwner, utilProxy, 'element', 1);
    b.edge(p.globalHandles, utilContext, 'internal', 30);
    const s = load(b);
    expect(ruleOf(s, proxyOwner, utilProxy)).to.equal('isolated-world');
    expect(ruleOf(s, p.globalHandles, utilContext)).to.equal('isolated-world');
    expect(ruleOf(s, utilProxy, utilGlobal)).to.equal('isolated-world');
    expect(ruleOf(s, p.window, p.global)).to.equal(undefined);
    expect(ruleOf(s, p.window, p.nativeContext)).to.equal(undefined);
  });

  it('knows no worlds in snapshots without a Window (Node.js)', () => {
    const b = new SnapshotBuilder();
    const g = b.rootGroup('(Global handles)');
    const ctx = b.node({ type: 'native', name: 'system / NativeContext' });
    const global = b.node({ name: 'global' });
    b.edge(g, ctx, 'internal', 1).edge(ctx, global, 'internal', 'global_object');
    const s = load(b);
    expect(createInternalsFilter(s).reasons.every((r) => r.edges === 0)).to.equal(true);
  });

  it('skips functions compiled from Puppeteer evaluation code and leakhound helpers', () => {
    const p = pageSkeleton();
    const timers = p.b.node({ type: 'native', name: 'DOMTimer' });
    const pptr = closureFrom(p, 'pptr:evaluate;file%3A%2F%2F%2Ftest.ts%3A9%3A1');
    const old = closureFrom(p, '__puppeteer_evaluation_script__');
    const ours = closureFrom(p, 'leakhound-internal://counters.js', true);
    const custom = closureFrom(p, 'my-harness://x.js');
    const page = closureFrom(p, 'http://127.0.0.1:1/app.js');
    for (const [i, fn] of [pptr, old, ours, custom, page].entries()) p.b.edge(timers, fn, 'element', i + 1);
    p.b.edge(p.persistent, timers, 'element', 9);
    const s = load(p.b);
    expect(ruleOf(s, timers, pptr)).to.equal('evaluation-script');
    expect(ruleOf(s, timers, old)).to.equal('evaluation-script');
    expect(ruleOf(s, timers, ours)).to.equal('leakhound-helper');
    expect(ruleOf(s, timers, custom)).to.equal(undefined);
    expect(ruleOf(s, timers, custom, { sourceMarkers: ['my-harness://'] })).to.equal('leakhound-helper');
    expect(ruleOf(s, timers, page)).to.equal(undefined);
  });

  it('skips functions whose script id the runner saw for harness code', () => {
    const p = pageSkeleton();
    const fn = p.b.node({ type: 'closure', name: 'helper' });
    const other = p.b.node({ type: 'closure', name: 'app' });
    p.b.prop(p.global, 'helper', fn).prop(p.global, 'app', other);
    p.b.location(fn, 42, 1, 0).location(other, 7, 1, 0);
    const s = load(p.b);
    expect(ruleOf(s, p.global, fn, { hiddenScriptIds: [42] })).to.equal('evaluation-script');
    expect(ruleOf(s, p.global, other, { hiddenScriptIds: [42] })).to.equal(undefined);
    expect(ruleOf(s, p.global, fn)).to.equal(undefined);
  });

  it('skips Blink’s references to performance timeline entries, not the page’s', () => {
    const p = pageSkeleton();
    const backing = p.b.node({ type: 'native', name: 'blink::HeapVectorBacking<PerformanceEntry>' });
    const mark = p.b.node({ type: 'native', name: 'PerformanceEventTiming', selfSize: 144 });
    // User Timing entries are the page's (performance.mark; clearMarks frees them).
    const userMark = p.b.node({ type: 'native', name: 'PerformanceMark', selfSize: 144 });
    p.b.edge(backing, userMark, 'element', 4);
    const resource = p.b.node({ type: 'native', name: 'PerformanceResourceTiming', selfSize: 144 });
    const observer = p.b.node({ type: 'native', name: 'PerformanceObserver' });
    const arr = p.b.node({ name: 'Array' });
    p.b.edge(p.window, backing, 'element', 7);
    p.b.edge(backing, mark, 'element', 1).edge(backing, resource, 'element', 2).edge(backing, observer, 'element', 3);
    p.b.prop(p.global, 'entries', arr).edge(arr, mark, 'element', 0);
    p.b.prop(p.window, 'lastEntry', resource);
    const s = load(p.b);
    expect(ruleOf(s, backing, mark)).to.equal('performance-timeline');
    expect(ruleOf(s, backing, resource)).to.equal('performance-timeline');
    expect(ruleOf(s, backing, observer)).to.equal(undefined);
    expect(ruleOf(s, backing, userMark)).to.equal(undefined);
    expect(ruleOf(s, arr, mark)).to.equal(undefined);
    expect(ruleOf(s, p.window, resource)).to.equal(undefined);
  });
});
