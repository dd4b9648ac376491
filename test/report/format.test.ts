import { expect } from 'chai';
import {
  cleanText,
  escapeHtml,
  escapeMarkdown,
  escapeXml,
  escapeXmlAttr,
  markdownCode,
  markdownCodeBlock,
} from '../../lib/report/escape.js';
import { formatBytes, formatDuration, formatNumber, formatSigned, sparkline } from '../../lib/report/format.js';
import { edgeAccessor } from '../../lib/report/trace.js';

describe('report/format', () => {
  it('formats bytes in decimal units as DevTools does', () => {
    expect(formatBytes(0)).to.equal('0 B');
    expect(formatBytes(999)).to.equal('999 B');
    expect(formatBytes(1500)).to.equal('1.5 kB');
    expect(formatBytes(48_000)).to.equal('48 kB');
    expect(formatBytes(3_350_000)).to.equal('3.35 MB');
    expect(formatBytes(-2048)).to.equal('-2.05 kB');
    expect(formatBytes(Number.NaN)).to.equal('?');
  });

  it('formats counts, rates and durations', () => {
    expect(formatNumber(1234567)).to.equal('1,234,567');
    expect(formatNumber(2.5)).to.equal('2.5');
    expect(formatNumber(1 / 3)).to.equal('0.33');
    expect(formatSigned(3)).to.equal('+3');
    expect(formatSigned(0)).to.equal('0');
    expect(formatSigned(-1)).to.equal('-1');
    expect(formatDuration(850)).to.equal('850 ms');
    expect(formatDuration(4200)).to.equal('4.2 s');
    expect(formatDuration(17_345)).to.equal('17.3 s');
    expect(formatDuration(123_000)).to.equal('2 min 03 s');
  });

  it('draws a sparkline that rises with growth and stays flat without it', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).to.equal('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).to.equal('▁▁▁');
    expect(sparkline([])).to.equal('');
    const long = sparkline(Array.from({ length: 200 }, (_, i) => i), 40);
    expect([...long]).to.have.length(40);
    expect(long.startsWith('▁') && long.endsWith('█')).to.equal(true);
  });

  it('writes references as code would: .name for properties, [i] for elements', () => {
    expect(edgeAccessor({ name: 'items', type: 'property' })).to.equal('.items');
    expect(edgeAccessor({ name: 'cache', type: 'context' })).to.equal('.cache');
    expect(edgeAccessor({ name: '3', type: 'element' })).to.equal('[3]');
  });
});

describe('report/escape', () => {
  it('cleanText removes escape sequences and neutralises control characters', () => {
    expect(cleanText('\u001b[31mRed\u001b[0m')).to.equal('Red');
    expect(cleanText('a\u001b]0;title\u0007b')).to.equal('ab');
    expect(cleanText('a\u009b2Jb')).to.equal('ab');
    expect(cleanText('x\u0000y\u0085z')).to.equal('x\uFFFDy\uFFFDz');
    expect(cleanText('line1\nline2\tend')).to.equal('line1 line2 end');
    expect(cleanText('abc\u202Eevil')).to.equal('abc\uFFFDevil');
    expect(cleanText('lone \ud800 surrogate')).to.equal('lone \uFFFD surrogate');
    expect(cleanText('😀 ok')).to.equal('😀 ok');
    expect(cleanText('x'.repeat(50), 10)).to.equal(`${'x'.repeat(9)}…`);
  });

  it('escapes HTML and XML, including characters XML 1.0 forbids', () => {
    expect(escapeHtml(`<img src=x onerror='a'>&"`)).to.equal('&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;');
    expect(escapeXml(']]>\u0001\ufffe')).to.equal(']]&gt;\uFFFD\uFFFD');
    expect(escapeXmlAttr('a\nb\t"c"')).to.equal('a&#10;b&#9;&quot;c&quot;');
  });

  it('escapes Markdown punctuation and builds code spans no content can close', () => {
    expect(escapeMarkdown('*a* <b> |c| `d` [e](f) @g')).to.equal('\\*a\\* \\<b\\> \\|c\\| \\`d\\` \\[e\\](f) \\@g');
    expect(markdownCode('Detached <div>')).to.equal('`Detached <div>`');
    expect(markdownCode('a`b')).to.equal('``a`b``');
    expect(markdownCode('`x`')).to.equal('`` `x` ``');
    expect(markdownCode('a|b', true)).to.equal('`a\\|b`');
    expect(markdownCodeBlock('a\n````\nb')).to.equal('`````text\na\n````\nb\n`````');
  });
});
