// What the reports show of the verdict's rule ids and listener suspects: rule ids in the
// JSON and under --show-internal only, and a listener registration's page-provided target
// and handler escaped in HTML like every other page string.
import { expect } from 'chai';
import { huntResult, leakingScenario } from '../report/fixture.js';
import { renderTerminal } from '../../lib/report/terminal.js';
import { renderHtml } from '../../lib/report/html.js';
import { renderJson } from '../../lib/report/json.js';
import { leakTrace, plainText } from '../../lib/report/trace.js';
import type { HuntResult, Leak } from '../../lib/analysis/result.js';

function withRules(): HuntResult {
  const s = leakingScenario();
  s.leaks[0].headlineRule = 'rank.user-class-first';
  s.hidden.internals = [{ reason: 'held by the DevTools protocol', objects: 30, hiddenBy: 'hide.internals.devtools-console' }];
  const hidden = s.hidden.browserClasses[0];
  hidden.hiddenBy = 'hide.engine-held';
  hidden.hiddenReason = 'compiled code is on the chain';
  hidden.headlineRule = 'rank.builtin';
  return huntResult([s]);
}

function listenerLeak(target: string, handler: string): Leak {
  return {
    signature: '0badf00d',
    kind: 'heap',
    headline: 'SalesReport',
    bytesPerIteration: 100,
    objects: 5,
    classes: [],
    sharedBy: 6,
    chain: [
      { nodeId: 1, className: 'Window / http://x', nodeType: 'native', edge: { name: '24', type: 'element' }, suspect: false, leaked: false, rootKind: 'window' },
      { nodeId: 2, className: 'V8EventListener', nodeType: 'native', edge: { name: '1', type: 'element' }, suspect: true, leaked: true, listener: { target, type: 'resize', handler } },
      { nodeId: 3, className: 'relayout()', nodeType: 'closure', edge: null, suspect: false, leaked: true },
    ],
  };
}

describe('rule ids and listener suspects in reports', () => {
  it('prints rule ids with --show-internal and not without', () => {
    const result = withRules();
    const shown = renderTerminal(result, { color: false, showInternal: true });
    expect(shown).to.include('headline rank.user-class-first');
    expect(shown).to.include('hidden by hide.engine-held: compiled code is on the chain');
    expect(shown).to.include('[hide.internals.devtools-console]');
    const plain = renderTerminal(result, { color: false });
    expect(plain).to.not.include('rank.user-class-first');
    expect(plain).to.not.include('hide.internals.devtools-console');
  });

  it('keeps rule ids in the JSON result', () => {
    const json = JSON.parse(renderJson(withRules()));
    const s = json.scenarios[0];
    expect(s.leaks[0].headlineRule).to.equal('rank.user-class-first');
    expect(s.hidden.browserClasses[0].hiddenBy).to.equal('hide.engine-held');
    expect(s.hidden.internals[0].hiddenBy).to.equal('hide.internals.devtools-console');
  });

  it('shows the registration as the suspect line', () => {
    const text = plainText(leakTrace(listenerLeak('window', 'relayout')));
    expect(text).to.match(/window\.addEventListener\('resize', relayout\)\s+\(listener\)\s+← suspect/);
    expect(text).to.not.include('V8EventListener[1]');
  });

  it('escapes a hostile listener target and handler in HTML', () => {
    const s = leakingScenario();
    s.leaks = [listenerLeak('<img src=x onerror=alert(1)>', '</script><b>x')];
    const html = renderHtml(huntResult([s]));
    expect(html).to.not.include('<img src=x');
    expect(html).to.not.include('</script><b>');
    expect(html).to.include('&lt;img src=x onerror=alert(1)&gt;');
  });
});
