import { expect } from 'chai';
import { renderHtml } from '../../lib/report/html.js';
import { renderReport, REPORT_FORMATS } from '../../lib/report/index.js';
import { huntResult, hostileResult } from './fixture.js';

const ALLOWED_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 p table thead tbody tr th td span a code pre details summary section em svg polyline'.split(' '),
);

describe('report/html', () => {
  const html = renderHtml(huntResult());

  it('is one self-contained document with no script and no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>')).to.equal(true);
    expect(html).to.not.match(/<script/i);
    expect(html).to.not.match(/\s(src|href)="(?!#)/);
    expect(html).to.not.match(/@import|url\(/);
    expect(html).to.include(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('shows verdicts, the leak table, traces with the suspect, counters and failures', () => {
    expect(html).to.include('<h1>leakhound: 1 leaking, 1 failed, 1 clean</h1>');
    expect(html).to.include('<span class="badge leaks">LEAKS</span> add and remove todos');
    expect(html).to.include('<td><code>Detached &lt;li&gt;</code></td><td>detached-dom</td>');
    expect(html).to.include('<tr class="ignored"><td class="n">3</td><td><code>HistoryEntry</code> <em>(ignored)</em>');
    expect(html).to.include('<span class="t-class">Store</span><span class="t-suspect">.items</span>');
    expect(html).to.include('<span class="t-underline">~~~~~~</span>');
    expect(html).to.match(/<svg class="spark"[^>]*><polyline points="[\d., ]+"\/><\/svg>/);
    expect(html).to.include('Failed at step <code>action</code>');
    expect(html).to.include('waiting for selector &quot;#pay&quot; failed');
    expect(html).to.include('34 objects held only by internals (DevTools console 30, Puppeteer handles 4)');
  });

  it('escapes every hostile page string', () => {
    const hostile = renderHtml(hostileResult(), { showInternal: true });
    expect(hostile).to.not.match(/<script/i);
    expect(hostile).to.not.match(/<img/i);
    expect(hostile).to.not.match(/<[^>]*\son\w+\s*=/i);
    expect(hostile).to.not.include('\u001b');
    for (const [, name] of hostile.matchAll(/<\/?([A-Za-z][\w-]*)/g)) expect(ALLOWED_TAGS.has(name.toLowerCase()), name).to.equal(true);
    expect(hostile).to.include('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile).to.include('.&quot;onerror=&quot;alert(1)</span>');
  });
});

describe('report/index', () => {
  it('dispatches every format', () => {
    const r = huntResult();
    for (const f of REPORT_FORMATS) expect(renderReport(r, f).length, f).to.be.greaterThan(100);
    expect(renderReport(r, 'terminal')).to.not.include('\u001b');
    expect(renderReport(r, 'terminal', { color: true })).to.include('\u001b[');
    expect(renderReport(r, 'json')).to.match(/^\{\n {2}"schemaVersion": 1,/);
    expect(renderReport(r, 'junit')).to.match(/^<\?xml/);
  });
});
