import { expect } from 'chai';
import { renderMarkdown } from '../../lib/report/markdown.js';
import { HOSTILE, huntResult, hostileResult } from './fixture.js';

/** The Markdown with code blocks and code spans removed: what GitHub parses as markup. */
function outsideCode(md: string): string {
  return md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
}

/** Pipes GFM splits a table row on: unescaped ones, code spans included. */
function cellSeparators(row: string): number {
  return row.match(/(?<!\\)\|/g)?.length ?? 0;
}

describe('report/markdown', () => {
  const md = renderMarkdown(huntResult());

  it('summarises every scenario in a table with its verdict', () => {
    expect(md).to.include('## leakhound: 1 leaking, 1 failed, 1 clean');
    expect(md).to.include('| ✅ | `open and close dialog` | clean | 0 | 7 | 3.85 s |');
    expect(md).to.include('| 🔴 | `add and remove todos` | leaks | 2 (+1 ignored) | 7 | 7.63 s |');
    expect(md).to.include('| ⚠️ | `checkout` | failed | 0 | 7 | 5.31 s |');
  });

  it('tables the leaks and puts each trace in a code block with the suspect marked', () => {
    expect(md).to.include('| 1 | `TodoItem` | heap | +3 | 4.8 kB | `Array` | 7 |');
    expect(md).to.include('| 3 | `HistoryEntry` *(ignored)* | heap | +1 | 96 B | — | 7 |');
    expect(md).to.include('<details open><summary>#1 <code>TodoItem</code> heap: leak trace</summary>');
    expect(md).to.include('<summary>#2 <code>Detached &lt;li&gt;</code> detached-dom: leak trace</summary>');
    expect(md).to.match(/```text\n#1 TodoItem[\s\S]*Store\.items {2}\(property\) {2}← suspect\n {2}│ {11}~~~~~~\n[\s\S]*?```/);
  });

  it('shows counters, hidden objects, timings and failures', () => {
    expect(md).to.include('| JS heap | ▁▂▃▄▅▆▇█ | 3 MB | 3.35 MB | +50 kB |');
    expect(md).to.include('**Hidden:** 34 objects held only by internals (DevTools console 30, Puppeteer handles 4); 1 browser-internal growing class');
    expect(md).to.include('**Timings:** load 350 ms');
    expect(md).to.include('Failed at step `action`:\n\n```text\nwaiting for selector "#pay" failed');
    expect(md).to.not.include('PerformanceEventTiming');
    expect(renderMarkdown(huntResult(), { showInternal: true })).to.include('- `PerformanceEventTiming` heap');
  });

  it('keeps hostile strings inert: no raw HTML, no broken tables, no unclosed code', () => {
    const hostile = renderMarkdown(hostileResult(), { showInternal: true });
    expect(hostile).to.not.include('\u001b');
    const markup = outsideCode(hostile);
    const tags = markup.match(/(?<!\\)<\/?[A-Za-z][^>]*>/g) ?? [];
    for (const t of tags) expect(t).to.match(/^<\/?(details|summary|code)( open)?>$/);
    expect(markup).to.not.match(/(?<!\\)@octocat/);
    expect(markup).to.not.match(/(?<!\\)\*bold/);

    const rows = hostile.split('\n').filter((l) => l.startsWith('|'));
    const leakRows = rows.filter((l) => /^\| \d+ \| /.test(l));
    expect(leakRows).to.have.length(3);
    for (const r of leakRows) expect(cellSeparators(r), r).to.equal(8);
    expect(leakRows[1]).to.include('`a\\|b`');

    // A code block opened with N backticks must not contain a line of N+ backticks.
    for (const m of hostile.matchAll(/^(`{3,})text\n([\s\S]*?)\n\1$/gm)) {
      for (const line of m[2].split('\n')) expect(/^`+$/.test(line) && line.length >= m[1].length).to.equal(false);
    }
    expect(hostile).to.include('``code` `x.]]>  (internal)');
    expect(hostile).to.include(`<code>${'&lt;img src=x onerror=alert(1)&gt;'}</code>`);
    expect(hostile).to.include(`\`\`\`text\n${HOSTILE.script}\nRed ]]> ctl`);
  });
});
