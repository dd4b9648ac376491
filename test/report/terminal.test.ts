import { expect } from 'chai';
import { renderTerminal } from '../../lib/report/terminal.js';
import { cleanScenario, huntResult, hostileResult, leakingScenario } from './fixture.js';

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const SGR = /\u001b\[[0-9;]*m/g;

describe('report/terminal', () => {
  const plain = renderTerminal(huntResult(), { color: false });
  const lines = plain.split('\n');

  it('prints a status line per scenario with name, url, iterations and verdict', () => {
    expect(plain).to.match(/✔ open and close dialog {2}http:\/\/127\.0\.0\.1:4000\/dialog\.html {2}7 iterations {2}CLEAN/);
    expect(plain).to.match(/✖ add and remove todos {2}\S+todo\.html {2}7 iterations {2}LEAKS: 2 leaks \(1 ignored\)/);
    expect(plain).to.match(/! checkout .* FAILED/);
  });

  it('ranks leaks in a table with rates, sizes, classes along and sharing', () => {
    const row = lines.find((l) => l.includes('│ TodoItem'));
    expect(row, 'TodoItem row').to.be.a('string');
    expect(row).to.match(/│\s+1 │ TodoItem\s+│ heap\s+│\s+\+3 │\s+4\.8 kB │ Array\s+│\s+7 │/);
    expect(lines.find((l) => l.includes('│ Detached <li>'))).to.match(/detached-dom .* 1\.2 kB │ Detached Text/);
    expect(lines.find((l) => l.includes('HistoryEntry (ignored)'))).to.match(/│\s+3 │/);
  });

  it('draws the leak trace from the root with the suspect reference underlined', () => {
    expect(plain).to.include('┬── Window  object @1001  root: window');
    expect(plain).to.include('│    ↓ Window.store  (property)\n');
    const i = lines.findIndex((l) => l.includes('↓ Store.items'));
    expect(lines[i]).to.match(/Store\.items {2}\(property\) {2}← suspect$/);
    const under = lines[i + 1];
    expect(under.indexOf('~')).to.equal(lines[i].indexOf('.items'));
    expect(under.trim()).to.equal('│           ~~~~~~'.trim());
    expect(plain).to.include('╰─→ TodoItem  object @4004  [leaked]');
    expect(plain).to.include('├── Array  object @3003  [leaked]');
  });

  it('shows listeners and collection growth under their leak, ignored leaks labelled', () => {
    expect(plain).to.include("listener 'resize' on Window  1 → 4 → 8  (+1/iteration)");
    expect(plain).to.include('collection Map @5001  0 → 3 → 7 entries  (+1/iteration)');
    expect(plain).to.match(/#3 HistoryEntry .* \(ignored\)/);
  });

  it('shows counter curves, hidden objects, timings, failures and the summary', () => {
    expect(plain).to.match(/JS heap {4}▁▂▃▄▅▆▇█ {2}3 MB → 3\.35 MB {2}\+50 kB\/iteration/);
    expect(plain).to.match(/documents {2}▁▁▁▁▁▁▁▁ {2}1 → 1 {2}0\/iteration/);
    expect(plain).to.include('34 objects held only by internals: DevTools console 30, Puppeteer handles 4');
    expect(plain).to.include('1 browser-internal growing class (--show-internal lists them)');
    expect(plain).to.not.include('PerformanceEventTiming');
    expect(plain).to.include('timings  load 350 ms · iterations 4.2 s · snapshots 2.6 s · analysis 480 ms · total 7.63 s');
    expect(plain).to.include(`failed at step 'action': waiting for selector "#pay" failed: timeout 5000ms exceeded`);
    expect(plain).to.include('    in iteration 3');
    expect(lines.filter((l) => l !== '').at(-1)).to.equal('3 scenarios · 1 clean · 1 leaking · 1 failed · 2 leaks (1 ignored) · 17.3 s');
  });

  it('lists hidden browser classes only with showInternal', () => {
    const shown = renderTerminal(huntResult(), { color: false, showInternal: true });
    expect(shown).to.include('#1 PerformanceEventTiming');
    expect(shown).to.include('╰─→ PerformanceEventTiming  native @9001  [leaked]');
  });

  it('counts an all-ignored scenario as clean', () => {
    const s = leakingScenario();
    s.leaks = s.leaks.filter((l) => l.ignored);
    const out = renderTerminal(huntResult([s, cleanScenario()]), { color: false });
    expect(out).to.include('CLEAN (1 ignored)');
    expect(out).to.include('2 scenarios · 2 clean · 0 leaking · 0 failed · 0 leaks (1 ignored)');
  });

  it('emits no escape or control characters without colour, even for a hostile page', () => {
    for (const r of [huntResult(), hostileResult()]) {
      const out = renderTerminal(r, { color: false, showInternal: true });
      expect(out).to.not.include('\u001b');
      expect(CONTROL.test(out)).to.equal(false);
    }
  });

  it('colours with SGR codes only, never passing the page its own sequences', () => {
    const coloured = renderTerminal(huntResult(), { color: true });
    expect(coloured.match(SGR)?.length ?? 0).to.be.greaterThan(20);
    expect(coloured.replace(SGR, '')).to.equal(plain);
    const hostile = renderTerminal(hostileResult(), { color: true, showInternal: true });
    const rest = hostile.replace(SGR, '');
    expect(rest).to.not.include('\u001b');
    expect(CONTROL.test(rest)).to.equal(false);
    expect(rest).to.include('├── Red  object @3003');
  });

  it('fits the leak table into the given width', () => {
    const narrow = renderTerminal(hostileResult(), { color: false, width: 80 });
    const tableLines = narrow.split('\n').filter((l) => /^ {2}[┌│├└]/.test(l) && /[│┐┤┘]$/.test(l));
    expect(tableLines.length).to.be.greaterThan(6);
    for (const l of tableLines) expect([...l].length, l).to.be.at.most(80);
  });
});
