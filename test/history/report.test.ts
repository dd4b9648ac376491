// What --history adds to each report: the new / still-there tag per leak, the fixed list,
// the trend (an inline SVG in HTML). Page-provided names stay escaped in every format.
import { expect } from 'chai';
import type { HuntResult } from '../../lib/analysis/result.js';
import { renderReport } from '../../lib/report/index.js';
import { trendSvg } from '../../lib/report/trend-svg.js';
import { huntResult, leakingScenario, HOSTILE } from '../report/fixture.js';

function withHistory(): HuntResult {
  const s = leakingScenario();
  s.leaks[0].history = { status: 'new' };
  s.leaks[1].history = { status: 'still', since: '2026-11-20T02:00:00.000Z', runs: 4 };
  s.fixed = [{ signature: 'deadbeef', headline: HOSTILE.img, since: '2026-11-18T02:00:00.000Z', lastSeen: '2026-11-24T02:00:00.000Z' }];
  s.trend = [
    { runId: 'a', date: '2026-11-23T02:00:00.000Z', status: 'leaks', leaks: 3, bytesPerIteration: 9000 },
    { runId: 'b', date: '2026-11-24T02:00:00.000Z', status: 'failed', leaks: 0, bytesPerIteration: 0 },
    { runId: 'c', date: '2026-11-25T15:00:00.000Z', status: 'leaks', leaks: 2, bytesPerIteration: 6000 },
  ];
  return huntResult([s]);
}

describe('history in reports', () => {
  it('terminal: tags per leak, the fixed leak and the trend line', () => {
    const text = renderReport(withHistory(), 'terminal', { color: false });
    expect(text).to.include('TodoItem [new]');
    expect(text).to.include('still there since 2026-11-20 02:00 UTC (4 runs)');
    expect(text).to.match(/fixed +<img src=x onerror=alert\(1\)> \(deadbeef\), there since 2026-11-18 02:00 UTC/);
    expect(text).to.include('leaks in the last 3 runs: 3 → ! → 2');
  });

  it('markdown: new in bold, fixed list with the name in a code span', () => {
    const md = renderReport(withHistory(), 'markdown');
    expect(md).to.include('`TodoItem` — **new**');
    expect(md).to.include('**Fixed since the previous run:**');
    expect(md).to.include('- `<img src=x onerror=alert(1)>` (deadbeef), there since 2026-11-18 02:00 UTC');
  });

  it('junit: the failure message says which leaks are new; system-out lists the fixed one, escaped', () => {
    const xml = renderReport(withHistory(), 'junit');
    expect(xml).to.match(/message="2 leaks: TodoItem \(new\), Detached &lt;li&gt; \(still there since 2026-11-20 02:00 UTC \(4 runs\)\)"/);
    expect(xml).to.include('fixed since the previous run: &lt;img src=x onerror=alert(1)&gt; (deadbeef)');
    expect(xml).to.not.include('<img');
  });

  it('html: tags, an inline SVG trend with one point per run, nothing unescaped', () => {
    const html = renderReport(withHistory(), 'html');
    expect(html).to.include('<span class="hist-new">new</span>');
    expect(html).to.include('<span class="hist-still">still there since 2026-11-20 02:00 UTC (4 runs)</span>');
    expect(html).to.include('<h3>History</h3>');
    expect((html.match(/<circle /g) ?? []).length).to.equal(3);
    expect(html).to.include('<circle class="failed"');
    expect(html).to.include('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).to.not.include('<img');
    expect(html).to.not.match(/<script|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('json: the optional fields are in the versioned result', () => {
    const json = JSON.parse(renderReport(withHistory(), 'json'));
    expect(json.scenarios[0].leaks[0].history).to.deep.equal({ status: 'new' });
    expect(json.scenarios[0].fixed[0].signature).to.equal('deadbeef');
    expect(json.scenarios[0].trend).to.have.length(3);
  });

  it('no trend chart for a single run, and none without --history', () => {
    expect(trendSvg([{ runId: 'a', date: '2026-11-23T02:00:00.000Z', status: 'clean', leaks: 0, bytesPerIteration: 0 }])).to.equal('');
    expect(renderReport(huntResult(), 'html')).to.not.include('<h3>History</h3>');
  });
});
