// The verdict's rule book (lib/analysis/rules.ts) on hand-made three-snapshot hunts: each
// test builds the heap a rule is about and checks that the rule decided, and that the row
// says which rule it was.
import { expect } from 'chai';
import { pageSkeleton, consoleHandle, load, type PageSkeleton } from '../heap/fixtures.js';
import { summarizeSnapshot } from '../../lib/analysis/summary.js';
import { computeVerdict, VerdictInputError, type ListenerCount, type VerdictInput } from '../../lib/analysis/verdict.js';
import { RULES } from '../../lib/analysis/rules.js';
import { targetLabel } from '../../lib/analysis/listener-suspect.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';
import type { Leak } from '../../lib/analysis/result.js';

/** Three builds of one page with 1, 4 and 7 of something: +1 per iteration in both halves of 3. */
function hunt(build: (k: number) => HeapSnapshot, extra: Partial<VerdictInput> = {}) {
  return computeVerdict({
    baseline: summarizeSnapshot(build(1)),
    middle: summarizeSnapshot(build(4)),
    final: build(7),
    firstHalf: 3,
    secondHalf: 3,
    ...extra,
  });
}

const ruleIds = new Set(RULES.map((r) => r.id));

function rulesOf(leaks: Leak[]): string[] {
  return leaks.flatMap((l) => [l.headlineRule, l.hiddenBy].filter((x): x is string => !!x));
}

/** A page class instance with a payload, id from `id`. */
function foo(p: PageSkeleton, id: number, cls = 'Foo'): number {
  const o = p.b.node({ name: cls, id, selfSize: 64 });
  p.b.edge(o, p.b.node({ type: 'array', name: '(object elements)', id: id + 1, selfSize: 512 }), 'internal', 'elements');
  return o;
}

describe('verdict rules', () => {
  it('keeps every rule once, each with a reason', () => {
    expect(ruleIds.size).to.equal(RULES.length);
    for (const r of RULES) expect(r.reason, r.id).to.be.a('string').and.not.equal('');
    for (const id of ['rank.user-class-first', 'hide.engine-held', 'hide.blink-held', 'suspect.listener-registration', 'hide.internals.devtools-console']) {
      expect(ruleIds.has(id), id).to.equal(true);
    }
  });

  it('names the rank rule that chose the headline: a page class first', () => {
    const v = hunt((k) => {
      const p = pageSkeleton();
      const arr = p.b.node({ name: 'Array', id: 5001 });
      p.b.prop(p.global, 'items', arr);
      for (let i = 0; i < k; i++) {
        const o = foo(p, 1000 + 10 * i);
        p.b.edge(arr, o, 'element', i);
        // Dragged along: a plain object per item, which must not head the row.
        p.b.prop(o, 'meta', p.b.node({ name: 'Object', id: 1000 + 10 * i + 3, selfSize: 2000 }));
      }
      return load(p.b);
    });
    expect(v.leaks).to.have.length(1);
    expect(v.leaks[0].headline).to.equal('Foo');
    expect(v.leaks[0].headlineRule).to.equal('rank.user-class-first');
    expect(v.leaks[0].classes[0].className).to.equal('Foo');
    expect(v.leaks[0].hiddenBy).to.equal(undefined);
  });

  it('hides a group whose chain runs through compiled code (hide.engine-held), and says why', () => {
    const page = (viaCode: boolean) => (k: number) => {
      const p = pageSkeleton();
      const fn = p.b.node({ type: 'closure', name: 'render', id: 5001 });
      p.b.prop(p.global, 'render', fn);
      // V8's boilerplate/feedback path: closure → code → literals array → objects.
      const code = p.b.node({ type: viaCode ? 'code' : 'object', name: viaCode ? '(code)' : 'Object', id: 5003 });
      const literals = p.b.node({ type: 'array', name: '(object elements)', id: 5005 });
      p.b.edge(fn, code, viaCode ? 'internal' : 'property', viaCode ? 'code' : 'cache');
      p.b.edge(code, literals, 'internal', viaCode ? 'literals' : 'elements');
      for (let i = 0; i < k; i++) p.b.edge(literals, foo(p, 1000 + 10 * i), 'element', i);
      return load(p.b);
    };
    const held = hunt(page(true));
    expect(held.leaks).to.deep.equal([]);
    const row = held.hidden.browserClasses.find((l) => l.headline === 'Foo');
    expect(row, 'hidden row').to.not.equal(undefined);
    expect(row!.hiddenBy).to.equal('hide.engine-held');
    expect(row!.hiddenReason).to.match(/compiled code/);
    expect(row!.chain.some((c) => c.nodeType === 'code')).to.equal(true);
    // The same objects held by a page reference instead are the page's leak.
    const pageHeld = hunt(page(false));
    expect(pageHeld.leaks.map((l) => l.headline)).to.deep.equal(['Foo']);
    expect(pageHeld.hidden.browserClasses).to.deep.equal([]);
  });

  it('hides built-ins only Blink plumbing keeps (hide.blink-held), but not the same held by a property', () => {
    const page = (byProperty: boolean) => (k: number) => {
      const p = pageSkeleton();
      const store = p.b.node({ type: 'native', name: 'blink::UndoStack', id: 5001 });
      if (byProperty) p.b.prop(p.global, 'undo', store);
      else p.b.edge(p.window, store, 'element', 30);
      for (let i = 0; i < k; i++) {
        const o = p.b.node({ name: 'Object', id: 1000 + 10 * i, selfSize: 64 });
        p.b.edge(store, o, 'element', i + 1);
      }
      return load(p.b);
    };
    const blink = hunt(page(false));
    expect(blink.leaks).to.deep.equal([]);
    expect(blink.hidden.browserClasses.map((l) => [l.headline, l.hiddenBy, l.headlineRule])).to.deep.equal([
      ['Object', 'hide.blink-held', 'rank.builtin'],
    ]);
    const owned = hunt(page(true));
    expect(owned.leaks.map((l) => [l.headline, l.headlineRule])).to.deep.equal([['Object', 'rank.builtin']]);
  });

  it('hides growth of engine objects alone (hide.engine-objects)', () => {
    const v = hunt((k) => {
      const p = pageSkeleton();
      const holder = p.b.node({ name: 'Object', id: 5001 });
      p.b.prop(p.global, 'cache', holder);
      for (let i = 0; i < k; i++) p.b.prop(holder, `k${i}`, p.b.node({ type: 'native', name: 'blink::StyleRule', id: 1000 + 10 * i }));
      return load(p.b);
    });
    const rows = v.hidden.browserClasses.filter((l) => l.headline === 'blink::StyleRule');
    expect(rows.map((l) => [l.hiddenBy, l.headlineRule])).to.deep.equal([['hide.engine-objects', 'rank.engine-object']]);
  });

  it('records the internals rule on each hidden.internals row', () => {
    const v = hunt((k) => {
      const p = pageSkeleton();
      for (let i = 0; i < k; i++) consoleHandle(p, foo(p, 1000 + 10 * i), 10 + i);
      return load(p.b);
    });
    expect(v.leaks).to.deep.equal([]);
    expect(v.hidden.internals).to.have.length(1);
    expect(v.hidden.internals[0].hiddenBy).to.equal('hide.internals.devtools-console');
    expect(v.hidden.internals[0].objects).to.equal(6);
  });

  it('records only rule ids the registry knows', () => {
    const v = hunt((k) => {
      const p = pageSkeleton();
      const arr = p.b.node({ name: 'Array', id: 5001 });
      p.b.prop(p.global, 'items', arr);
      for (let i = 0; i < k; i++) p.b.edge(arr, foo(p, 1000 + 10 * i), 'element', i);
      return load(p.b);
    });
    for (const id of [...rulesOf(v.leaks), ...rulesOf(v.hidden.browserClasses), ...v.hidden.internals.map((x) => x.hiddenBy!)]) {
      expect(ruleIds.has(id), id).to.equal(true);
    }
  });
});

describe('collection entries that hold a value (tombstones apart)', () => {
  /** window[name] = { key0: value, key1: value, ... } with k keys. */
  const registry = (name: string, value: 'true' | 'false' | 'null' | 'undefined', array = false) => (k: number) => {
    const p = pageSkeleton();
    const reg = p.b.node({ name: array ? 'Array' : 'Object', id: 7001 });
    const v = p.b.node({ type: 'native', name: value, id: 7003 });
    p.b.prop(p.global, name, reg);
    for (let i = 0; i < k; i++) {
      if (array) p.b.edge(reg, v, 'element', i);
      else p.b.prop(reg, `msg-${i}`, v);
    }
    return load(p.b);
  };

  it('reports a seen[key] = true dictionary that grows per iteration', () => {
    const v = hunt(registry('seen', 'true'));
    expect(v.leaks).to.have.length(1);
    const row = v.leaks[0];
    expect(row.kind).to.equal('collection');
    expect(row.headlineRule).to.equal('rank.collection-row');
    expect(row.collection?.sizes).to.deep.equal([1, 4, 7]);
    const suspect = row.chain.find((c) => c.suspect);
    expect(suspect?.edge?.name).to.equal('seen');
  });

  it('reports an array of booleans that grows per iteration', () => {
    const v = hunt(registry('flags', 'false', true));
    expect(v.leaks.map((l) => [l.kind, l.collection?.sizes])).to.deep.equal([['collection', [1, 4, 7]]]);
  });

  it('does not count keys set to null or undefined (removed entries)', () => {
    expect(hunt(registry('_events', 'null')).leaks).to.deep.equal([]);
    expect(hunt(registry('_cache', 'undefined')).leaks).to.deep.equal([]);
    expect(hunt(registry('_slots', 'null', true)).leaks).to.deep.equal([]);
  });
});

describe('merged fragments', () => {
  /** Foo instances split between window.panels (an object) and window.history (an array). */
  const held = (a: number[], b: number[], historyFirst: boolean) => {
    const p = pageSkeleton();
    const make = (name: 'panels' | 'history') => {
      if (name === 'panels') {
        const ha = p.b.node({ name: 'Object', id: 6001 });
        p.b.prop(p.global, 'panels', ha);
        a.forEach((id, i) => p.b.prop(ha, `p${i}`, p.b.node({ name: 'Foo', id, selfSize: 64 })));
      } else {
        const hb = p.b.node({ name: 'Array', id: 6003 });
        p.b.prop(p.global, 'history', hb);
        b.forEach((id, i) => p.b.edge(hb, p.b.node({ name: 'Foo', id, selfSize: 64 }), 'element', i));
      }
    };
    if (historyFirst) {
      make('history');
      make('panels');
    } else {
      make('panels');
      make('history');
    }
    return load(p.b);
  };
  const ids = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + 2 * k);
  const verdict = (historyFirst: boolean, split: 'more-panels' | 'more-history') => {
    const [a1, b1] = split === 'more-panels' ? [ids(100, 2), ids(150, 1)] : [ids(100, 1), ids(150, 2)];
    const [a2, b2] = split === 'more-panels' ? [[...a1, ...ids(200, 1)], [...b1, ...ids(250, 2)]] : [[...a1, ...ids(200, 2)], [...b1, ...ids(250, 1)]];
    return computeVerdict({
      baseline: summarizeSnapshot(held([], [], historyFirst)),
      middle: summarizeSnapshot(held(a1, b1, historyFirst)),
      final: held(a2, b2, historyFirst),
      firstHalf: 3,
      secondHalf: 3,
    });
  };

  it('gives a merged row the same signature whichever fragment the heap lists first', () => {
    const runs = [verdict(false, 'more-panels'), verdict(true, 'more-panels'), verdict(false, 'more-history'), verdict(true, 'more-history')];
    for (const v of runs) expect(v.leaks.map((l) => [l.headline, l.sharedBy])).to.deep.equal([['Foo', 6]]);
    const signatures = new Set(runs.map((v) => v.leaks[0].signature));
    expect([...signatures]).to.have.length(1);
  });
});

describe('the listener registration as suspect', () => {
  /**
   * Chromium 156's layout of `window.addEventListener('resize', onResize)`: Window →
   * EventTargetData → listener vector → backing → RegisteredEventListener → EventListener
   * → V8EventListener → the handler, whose context holds a Foo.
   */
  const listenerPage = (k: number) => listenerHeap(k, {});
  const listenerHeap = (k: number, opts: { anonymousOn?: string }) => {
    const p = pageSkeleton();
    const data = p.b.node({ type: 'native', name: 'blink::EventTargetData', id: 5001 });
    // The target: the window, or an element of the document the page keeps.
    let owner = p.window;
    let script = -1;
    if (opts.anonymousOn) {
      const doc = p.b.node({ type: 'native', name: 'HTMLDocument', id: 4001 });
      owner = p.b.node({ type: 'native', name: opts.anonymousOn, id: 4003 });
      p.b.edge(p.window, doc, 'element', 3);
      p.b.edge(doc, owner, 'element', 5);
      script = p.b.node({ name: 'system / Script / http://127.0.0.1:1/src/review.js?v=3', id: 4005 });
    }
    const vector = p.b.node({ type: 'native', name: 'blink::BasicHeapVector<blink::internal::HeapCollectionType::kGCed, X>', id: 5003 });
    // Blink reallocates the backing as the vector grows: a new one each build.
    const backing = p.b.node({ type: 'native', name: 'blink::HeapVectorBacking<cppgc::internal::BasicMember<blink::RegisteredEventListener>>', id: 9000 + 2 * k });
    p.b.edge(owner, data, 'element', 24);
    p.b.edge(data, vector, 'element', 1);
    p.b.edge(vector, backing, 'element', 1);
    for (let i = 0; i < k; i++) {
      const base = 1000 + 20 * i;
      const reg = p.b.node({ type: 'native', name: 'blink::RegisteredEventListener', id: base });
      const el = p.b.node({ type: 'native', name: 'EventListener', id: base + 2 });
      const v8 = p.b.node({ type: 'native', name: 'V8EventListener', id: base + 4 });
      const fn = p.b.node({ type: 'closure', name: opts.anonymousOn ? '' : 'onResize', id: base + 6 });
      if (opts.anonymousOn) {
        const shared = p.b.node({ type: 'code', name: '(shared function info)', id: base + 12 });
        p.b.edge(fn, shared, 'internal', 'shared');
        p.b.edge(shared, script, 'internal', 'script');
        p.b.location(fn, 7, 25, 38);
      }
      const ctx = p.b.node({ name: 'system / Context', id: base + 8 });
      p.b.edge(backing, reg, 'element', i + 1);
      p.b.edge(reg, el, 'element', 1);
      p.b.edge(el, v8, 'element', 1);
      p.b.edge(v8, fn, 'element', 1);
      p.b.edge(fn, ctx, 'internal', 'context');
      p.b.edge(ctx, foo(p, base + 10), 'context', 'viewer');
    }
    return load(p.b);
  };
  const lists = (counts: [number, number, number]): [ListenerCount[], ListenerCount[], ListenerCount[]] =>
    counts.map((count) => [
      { target: 'window', type: 'resize', count },
      { target: 'window', type: 'scroll', count: 2 },
    ]) as [ListenerCount[], ListenerCount[], ListenerCount[]];

  it('marks the addEventListener step with target, event type and handler instead of a Blink vector', () => {
    const v = hunt(listenerPage, { listeners: lists([1, 4, 7]) });
    expect(v.leaks).to.have.length(1);
    const row = v.leaks[0];
    expect(row.headline).to.equal('Foo');
    const suspects = row.chain.filter((c) => c.suspect);
    expect(suspects).to.have.length(1);
    expect(suspects[0].className).to.equal('V8EventListener');
    expect(suspects[0].listener).to.deep.equal({ target: 'window', type: 'resize', handler: 'onResize' });
    expect(row.listeners?.map((l) => l.type)).to.deep.equal(['resize']);
  });

  it('without listener lists still names target and handler, the type unknown', () => {
    const v = hunt(listenerPage);
    const suspect = v.leaks[0].chain.find((c) => c.suspect);
    expect(suspect?.listener).to.deep.equal({ target: 'window', type: '?', handler: 'onResize' });
  });

  it('names an element target as the runner does, and an anonymous handler by where it was written', () => {
    const listeners = [1, 4, 7].map((count) => [{ target: 'div#format-toolbar.bar', type: 'click', count }]) as [ListenerCount[], ListenerCount[], ListenerCount[]];
    const v = hunt((k) => listenerHeap(k, { anonymousOn: '<div id="format-toolbar" class="bar">' }), { listeners });
    const suspect = v.leaks[0].chain.find((c) => c.suspect);
    expect(suspect?.listener).to.deep.equal({ target: 'div#format-toolbar.bar', type: 'click', handler: '(anonymous) review.js:26:39' });
  });

  it('keeps the suspect past the handler when the listener was registered once, above a reallocated Blink vector', () => {
    // A compose button's click listener, registered at load, whose handler keeps every draft
    // in a dictionary; the document's node vector above it was reallocated (new, a backing).
    const v = hunt((k) => {
      const p = pageSkeleton();
      const doc = p.b.node({ type: 'native', name: 'HTMLDocument', id: 4001 });
      const nodes = p.b.node({ type: 'native', name: 'blink::HeapVectorBacking<cppgc::internal::BasicMember<blink::Node>>', id: 9000 + 2 * k });
      const button = p.b.node({ type: 'native', name: '<button id="compose">', id: 4003 });
      const data = p.b.node({ type: 'native', name: 'blink::EventTargetData', id: 4005 });
      const vector = p.b.node({ type: 'native', name: 'blink::BasicHeapVector<X>', id: 4007 });
      const reg = p.b.node({ type: 'native', name: 'blink::RegisteredEventListener', id: 4009 });
      const el = p.b.node({ type: 'native', name: 'EventListener', id: 4011 });
      const v8 = p.b.node({ type: 'native', name: 'V8EventListener', id: 4013 });
      const fn = p.b.node({ type: 'closure', name: 'openCompose', id: 4015 });
      const ctx = p.b.node({ name: 'system / Context', id: 4017 });
      const drafts = p.b.node({ name: 'Object', id: 4019 });
      p.b.edge(p.window, doc, 'element', 5);
      p.b.edge(doc, nodes, 'element', 51);
      p.b.edge(nodes, button, 'element', 1);
      p.b.edge(button, data, 'element', 14);
      p.b.edge(data, vector, 'element', 1);
      p.b.edge(vector, reg, 'element', 1);
      p.b.edge(reg, el, 'element', 1);
      p.b.edge(el, v8, 'element', 1);
      p.b.edge(v8, fn, 'element', 1);
      p.b.edge(fn, ctx, 'internal', 'context');
      p.b.edge(ctx, drafts, 'context', 'drafts');
      for (let i = 0; i < k; i++) p.b.prop(drafts, `draft-${i}`, foo(p, 1000 + 10 * i, 'EmailDraft'));
      return load(p.b);
    }, { listeners: [1, 1, 1].map((count) => [{ target: 'button#compose', type: 'click', count }]) as [ListenerCount[], ListenerCount[], ListenerCount[]] });
    const row = v.leaks.find((l) => l.headline === 'EmailDraft')!;
    const suspects = row.chain.filter((c) => c.suspect);
    expect(suspects).to.have.length(1);
    expect(suspects[0].className).to.equal('Object');
    expect(suspects[0].edge?.name).to.match(/^draft-\d$/);
    expect(row.chain.some((c) => c.listener)).to.equal(false);
  });

  it('labels heap targets as the runner labels listener targets', () => {
    expect(targetLabel('Window / http://127.0.0.1:1')).to.equal('window');
    expect(targetLabel('HTMLDocument')).to.equal('document');
    expect(targetLabel('<div id="app" class="list  big">')).to.equal('div#app.list.big');
    expect(targetLabel('Detached <button class="close">')).to.equal('button.close');
    expect(targetLabel('MediaQueryList')).to.equal('MediaQueryList');
  });
});

describe('the suspect of a callback Blink holds (suspect.callback-capture)', () => {
  it("names the variable a timer's callback captured, not Blink's timer table", () => {
    // Chromium 156's layout of setInterval(function pollQuote() { widget.tick(); }):
    // Window → timer table → DOMTimer → ScheduledAction → V8Function → the callback.
    const v = hunt((k) => {
      const p = pageSkeleton();
      const coordinator = p.b.node({ type: 'native', name: 'blink::(anonymous namespace)::DOMTimerCoordinator', id: 5001 });
      const table = p.b.node({ type: 'native', name: 'blink::HeapHashTableBacking<X>', id: 9000 + 2 * k });
      p.b.edge(p.window, coordinator, 'element', 32);
      p.b.edge(coordinator, table, 'element', 1);
      for (let i = 0; i < k; i++) {
        const base = 1000 + 20 * i;
        const timer = p.b.node({ type: 'native', name: 'DOMTimer', id: base });
        const action = p.b.node({ type: 'native', name: 'ScheduledAction', id: base + 2 });
        const fn8 = p.b.node({ type: 'native', name: 'V8Function', id: base + 4 });
        const fn = p.b.node({ type: 'closure', name: 'pollQuote', id: base + 6 });
        const ctx = p.b.node({ name: 'system / Context', id: base + 8 });
        p.b.edge(table, timer, 'element', i + 1);
        p.b.edge(timer, action, 'element', 1);
        p.b.edge(action, fn8, 'element', 2);
        p.b.edge(fn8, fn, 'element', 1);
        p.b.edge(fn, ctx, 'internal', 'context');
        p.b.edge(ctx, foo(p, base + 10, 'TickerWidget'), 'context', 'widget');
      }
      return load(p.b);
    });
    const row = v.leaks.find((l) => l.headline === 'TickerWidget')!;
    const suspects = row.chain.filter((c) => c.suspect);
    expect(suspects.map((c) => [c.edge?.type, c.edge?.name])).to.deep.equal([['context', 'widget']]);
  });
});

describe('verdict input', () => {
  it('rejects a half with no iteration with a typed error', () => {
    const p = pageSkeleton();
    const s = load(p.b);
    const sum = summarizeSnapshot(s);
    for (const [firstHalf, secondHalf] of [[0, 1], [1, 0], [1.5, 1]]) {
      expect(() => computeVerdict({ baseline: sum, middle: sum, final: s, firstHalf, secondHalf }))
        .to.throw(VerdictInputError, /at least 2 iterations/);
    }
  });
});
