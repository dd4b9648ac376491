import { expect } from 'chai';
import { renderJUnit } from '../../lib/report/junit.js';
import { cleanScenario, HOSTILE, huntResult, hostileResult, leakingScenario } from './fixture.js';
import { findAll, parseXml } from './xml.js';

describe('report/junit', () => {
  const xml = renderJUnit(huntResult());
  const doc = parseXml(xml);
  const cases = findAll(doc, 'testcase');

  it('is one well-formed testsuite named leakhound with totals', () => {
    const suites = findAll(doc, 'testsuite');
    expect(suites).to.have.length(1);
    expect(suites[0].attrs).to.include({ name: 'leakhound', tests: '3', failures: '1', errors: '1', time: '17.345' });
    const props = findAll(doc, 'property').map((p) => [p.attrs.name, p.attrs.value]);
    expect(props).to.deep.include(['browser.version', 'Chrome/156.0.7400.0']);
  });

  it('has one testcase per scenario named by file and scenario name', () => {
    expect(cases.map((c) => [c.attrs.classname, c.attrs.name])).to.deep.equal([
      ['scenarios/dialog.ts', 'open and close dialog'],
      ['scenarios/todo.ts', 'add and remove todos'],
      ['scenarios/checkout.ts', 'checkout'],
    ]);
    expect(cases[0].attrs.time).to.equal('3.850');
  });

  it('passes a clean scenario', () => {
    expect(findAll(cases[0], 'failure')).to.have.length(0);
    expect(findAll(cases[0], 'error')).to.have.length(0);
  });

  it('fails a leaking scenario with the headlines and the traces, not the ignored leak', () => {
    const [failure] = findAll(cases[1], 'failure');
    expect(failure.attrs.message).to.equal('2 leaks: TodoItem, Detached <li>');
    expect(failure.text).to.include('│    ↓ Store.items  (property)  ← suspect\n  │           ~~~~~~');
    expect(failure.text).to.include('╰─→ Detached <li>  native @6006  [leaked]');
    expect(failure.text).to.not.include('HistoryEntry');
    const [out] = findAll(cases[1], 'system-out');
    expect(out.text).to.include('ignored leaks: 1');
    expect(out.text).to.include('#3 HistoryEntry');
  });

  it('reports a failed scenario as an error with its step and message', () => {
    const [error] = findAll(cases[2], 'error');
    expect(error.attrs.message).to.equal(`step 'action': waiting for selector "#pay" failed: timeout 5000ms exceeded`);
    expect(error.text).to.include('in iteration 3');
    expect(findAll(cases[2], 'failure')).to.have.length(0);
  });

  it('does not fail a scenario whose leaks are all ignored', () => {
    const s = leakingScenario();
    s.leaks = s.leaks.filter((l) => l.ignored);
    const only = parseXml(renderJUnit(huntResult([s, cleanScenario()])));
    expect(findAll(only, 'failure')).to.have.length(0);
    expect(findAll(only, 'testsuite')[0].attrs.failures).to.equal('0');
  });

  it('escapes hostile page strings so the file still parses and means the same', () => {
    const hostile = renderJUnit(hostileResult());
    expect(hostile).to.not.match(/<img/i);
    expect(hostile).to.not.match(/<script/i);
    expect(hostile).to.not.include(']]>');
    expect(hostile).to.not.include('\u001b');
    const parsed = parseXml(hostile);
    const [failure] = findAll(parsed, 'failure');
    expect(failure.attrs.message).to.equal(`2 leaks: ${HOSTILE.img}, ${HOSTILE.pipe}`);
    expect(failure.text).to.include(`${HOSTILE.script}.${HOSTILE.attr}  (property)  ← suspect`);
    expect(failure.text).to.include('``code` `x.]]>  (internal)');
    expect(failure.text).to.include('ctl\uFFFD');
    const [error] = findAll(parsed, 'error');
    expect(error.attrs.message).to.equal(`step '${HOSTILE.attr}': ${HOSTILE.script}`);
  });
});
