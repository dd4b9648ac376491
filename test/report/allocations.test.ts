import { expect } from 'chai';
import { renderReport } from '../../lib/report/index.js';
import type { HuntResult } from '../../lib/analysis/result.js';
import { huntResult, leakingScenario } from './fixture.js';
import { parseXml, findAll } from './xml.js';

function withAllocations(hostile: boolean): HuntResult {
  const s = leakingScenario();
  const evil = '<img src=x onerror=alert(1)>`|*_';
  s.leaks[0].allocations = [
    {
      count: 5,
      frames: [
        { functionName: hostile ? evil : 'openWidget', file: hostile ? `src/${evil}.ts` : 'src/widgets.ts', line: 17, column: 18, callSite: true },
        { functionName: 'subscribe', file: 'node_modules/some-lib/index.js', line: 16, column: 15, callSite: true, library: true },
        { functionName: 'openPanel', file: 'http://127.0.0.1:1/dist/main.js', line: 40, column: 20, note: 'no source map' },
      ],
    },
    { count: 2, frames: [{ functionName: 'restore', file: 'src/restore.ts', line: 9, column: 3, callSite: true }] },
  ];
  return huntResult([s]);
}

describe('report/allocations', () => {
  it('prints the most common stack whole and the others by their innermost frame', () => {
    const text = renderReport(withAllocations(false), 'terminal', { color: false });
    expect(text).to.include('allocated at 5 of 7 TodoItem instances, most common of 2 stacks');
    expect(text).to.match(/openWidget {2}src\/widgets\.ts:17:18\n/);
    expect(text).to.include('subscribe  node_modules/some-lib/index.js:16:15  (library)');
    expect(text).to.include('openPanel  http://127.0.0.1:1/dist/main.js:40:20  (function start; no source map)');
    expect(text).to.include('also 2× at restore  src/restore.ts:9:3');
  });

  it('says a note every frame shares once, on the heading', () => {
    const r = withAllocations(false);
    const leak = r.scenarios[0].leaks[0];
    leak.allocations = [{ count: 3, frames: [
      { functionName: 'a', file: 'http://x/app.js', line: 4, column: 9, callSite: true, note: 'no source map' },
      { functionName: 'b', file: 'http://x/app.js', line: 9, column: 2, callSite: true, note: 'no source map' },
    ] }];
    const text = renderReport(r, 'terminal', { color: false });
    expect(text).to.include('allocated at 3 of 3 TodoItem instances  (no source map)\n');
    expect(text).to.match(/ a {2}http:\/\/x\/app\.js:4:9\n/);
    expect(text).to.not.include('app.js:9:2  (');
  });

  it('escapes page-provided function names and paths in HTML, Markdown and JUnit', () => {
    const r = withAllocations(true);
    const html = renderReport(r, 'html');
    expect(html).to.not.include('<img');
    expect(html).to.include('&lt;img src=x onerror=alert(1)&gt;');
    // In Markdown the trace is a fenced code block: text there is never markup.
    const md = renderReport(r, 'markdown');
    const outsideCode = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
    expect(md).to.include('<img src=x onerror=alert(1)>');
    expect(outsideCode).to.not.include('<img');
    const junit = renderReport(r, 'junit');
    const failure = findAll(parseXml(junit), 'failure')[0];
    expect(failure).to.not.equal(undefined);
    expect(JSON.stringify(failure)).to.include('<img src=x onerror=alert(1)>');
  });
});
