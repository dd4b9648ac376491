// The corpus harness's judgement without a browser: a verdict that names the right class
// only further down its row, points its suspect at the wrong reference, or comes from a
// page that threw must fail its case.
import { expect } from 'chai';
import type { ChainStep, Leak, ScenarioResult } from '../../lib/analysis/result.js';
import { judge, type Expectation } from './harness.js';

function step(className: string, edge: string | null, extra: Partial<ChainStep> = {}): ChainStep {
  const type = edge === null ? '' : /^\d+$/.test(edge) ? 'element' : edge === 'table' ? 'internal' : 'property';
  return { nodeId: 1, className, nodeType: 'object', edge: edge === null ? null : { name: edge, type }, suspect: false, leaked: false, ...extra };
}

function leak(headline: string, chain: ChainStep[], more: string[] = []): Leak {
  return {
    signature: headline,
    kind: 'heap',
    headline,
    bytesPerIteration: 100,
    objects: 6,
    classes: [headline, ...more].map((className) => ({ className, counts: [0, 3, 6], perIteration: 1, bytes: 100 })),
    chain,
    sharedBy: 6,
  };
}

function result(leaks: Leak[], status: ScenarioResult['status'] = leaks.length ? 'leaks' : 'clean'): ScenarioResult {
  return {
    name: 'x', file: '', url: '', status, iterations: 6, leaks, counters: [],
    hidden: { internals: [], browserClasses: [] },
    timings: { loadMs: 0, iterationsMs: 0, snapshotMs: 0, analysisMs: 0 },
  };
}

// ToastManager.history[1] → the detached toast.
const arrayChain = () => [
  step('Window', 'toasts'),
  step('ToastManager', 'history'),
  step('Array', '1', { suspect: true }),
  step('Detached <div class="toast">', null, { leaked: true }),
];
const listenerChain = () => [
  step('Window', '1'),
  step('V8EventListener', '1', { suspect: true, listener: { target: 'window', type: 'resize', handler: 'onResize' } }),
  step('system / Context', 'viewer'),
  step('LightboxViewer', null, { leaked: true }),
];

const toasts: Expectation = { leak: true, classes: ['Detached <div class="toast">'], chain: ['history'], suspect: ['history[]'] };
const lightbox: Expectation = { leak: true, classes: ['LightboxViewer'], chain: ['viewer'], suspect: ['viewer', { listener: { target: 'window', type: 'resize' } }] };

describe('corpus harness: judge', () => {
  it('passes the expected row, chain name and suspect', () => {
    expect(judge('t', toasts, result([leak('Detached <div>', arrayChain())]), [], 1)).to.include({ pass: true, rank: 1 });
    expect(judge('l', lightbox, result([leak('LightboxViewer', listenerChain())]), [], 1).pass).to.equal(true);
  });

  it('fails a row that only lists the expected class below another headline', () => {
    const o = judge('t', toasts, result([leak('ToastManager', arrayChain(), ['Detached <div class="toast">'])]), [], 1);
    expect(o).to.include({ pass: false, failedCheck: 'headline' });
  });

  it('fails a suspect on another reference, and says where it is', () => {
    const chain = arrayChain();
    chain[2].suspect = false;
    chain[1].suspect = true;
    const o = judge('t', { ...toasts, suspect: ['history[]'] }, result([leak('Detached <div>', chain)]), [], 1);
    expect(o).to.include({ pass: false, failedCheck: 'suspect' });
    expect(o.problem).to.match(/suspect is \(via toasts\) ToastManager --history-->; expected history\[\]/);
    expect(judge('t', { ...toasts, suspect: ['history'] }, result([leak('Detached <div>', chain)]), [], 1).pass).to.equal(true);
  });

  it('matches a collection entry through engine plumbing (Map table) to the named collection', () => {
    const chain = [
      step('EventBus', 'handlers'),
      step('Map', 'table'),
      step('(array)', '6'),
      step('Array', '1', { suspect: true }),
      step('ChatRoomView', null, { leaked: true }),
    ];
    const e: Expectation = { leak: true, classes: ['ChatRoomView'], chain: ['handlers'], suspect: ['handlers[]'] };
    expect(judge('b', e, result([leak('ChatRoomView', chain)]), [], 1).pass).to.equal(true);
    expect(judge('b', { ...e, suspect: ['bus[]'] }, result([leak('ChatRoomView', chain)]), [], 1).failedCheck).to.equal('suspect');
  });

  it('matches a listener suspect by target and type', () => {
    const chain = listenerChain();
    const wrongType: Expectation = { ...lightbox, suspect: [{ listener: { target: 'window', type: 'scroll' } }] };
    expect(judge('l', wrongType, result([leak('LightboxViewer', chain)]), [], 1).failedCheck).to.equal('suspect');
    const anyType: Expectation = { ...lightbox, suspect: [{ listener: { target: 'window' } }] };
    expect(judge('l', anyType, result([leak('LightboxViewer', chain)]), [], 1).pass).to.equal(true);
    const engine = listenerChain();
    delete engine[1].listener;
    const o = judge('l', { ...lightbox, suspect: [{ listener: { target: 'window', type: 'resize' } }] }, result([leak('LightboxViewer', engine)]), [], 1);
    expect(o.failedCheck).to.equal('suspect');
  });

  it('fails a case whose page threw or logged an error, even a clean one', () => {
    const o = judge('c', { leak: false }, result([]), ['uncaught TypeError: x is undefined'], 1);
    expect(o).to.include({ pass: false, failedCheck: 'page-error' });
    expect(o.problem).to.contain('x is undefined');
  });

  it('fails a chain without the page name, a missed leak, a false alarm and a split bug', () => {
    expect(judge('t', { ...toasts, chain: ['queue'] }, result([leak('Detached <div>', arrayChain())]), [], 1).failedCheck).to.equal('chain');
    expect(judge('t', toasts, result([]), [], 1).failedCheck).to.equal('missed');
    expect(judge('c', { leak: false }, result([leak('Foo', arrayChain())]), [], 1).failedCheck).to.equal('false-alarm');
    const three = [leak('Detached <div>', arrayChain()), leak('A', arrayChain()), leak('B', arrayChain())];
    expect(judge('t', toasts, result(three), [], 1).failedCheck).to.equal('rows');
  });
});
