// Small text helpers of the CLI: suggestions, sizes, terminal-safe page strings, ids.
import { expect } from 'chai';
import { editDistance, suggest } from '../../lib/cli/suggest.js';
import { formatBytes, formatDelta, safeText } from '../../lib/cli/output.js';
import { parseNodeId } from '../../lib/cli/heap-input.js';
import { useColor } from '../../lib/cli/env.js';
import { UsageError } from '../../lib/errors.js';

describe('cli text helpers', () => {
  it('suggests case-insensitive matches, then containing names, then near misses', () => {
    const names = ['Foo', 'FooBar', 'Detached <div>', 'HTMLDivElement', 'Food', 'Zebra'];
    expect(suggest('foo', names)).to.deep.equal(['Foo', 'Food', 'FooBar']);
    expect(suggest('div', names)).to.deep.equal(['Detached <div>', 'HTMLDivElement']);
    expect(suggest('Zebar', names)).to.deep.equal(['Zebra']);
    expect(suggest('nothing-like-it', names)).to.deep.equal([]);
    expect(editDistance('kitten', 'sitting')).to.equal(3);
    expect(editDistance('abc', 'xyz', 1)).to.equal(2);
  });

  it('formats bytes in decimal units and signed deltas', () => {
    expect(formatBytes(999)).to.equal('999 B');
    expect(formatBytes(1234)).to.equal('1.2 kB');
    expect(formatBytes(56_789_000)).to.equal('57 MB');
    expect(formatDelta(3)).to.equal('+3');
    expect(formatDelta(-1500, formatBytes)).to.equal('-1.5 kB');
    expect(formatDelta(0)).to.equal('0');
  });

  it('makes page strings safe for a terminal line', () => {
    expect(safeText('a\x1b[31mred\nb\u202e')).to.equal('a\\x1b[31mred\\nb\\u202e');
    expect(safeText('x'.repeat(10), 5)).to.equal('xxxx…');
  });

  it('parses ids as DevTools prints them', () => {
    expect(parseNodeId('@123')).to.equal(123);
    expect(parseNodeId(' 45 ')).to.equal(45);
    for (const bad of ['', '@', '12a', '-1', '1.5', '99999999999']) expect(() => parseNodeId(bad), bad).to.throw(UsageError);
  });

  it('decides colour from the flag, NO_COLOR, FORCE_COLOR and the terminal', () => {
    expect(useColor(true, { isTTY: false }, { NO_COLOR: '1' })).to.equal(true);
    expect(useColor(false, { isTTY: true }, {})).to.equal(false);
    expect(useColor(undefined, { isTTY: true }, { NO_COLOR: '1' })).to.equal(false);
    expect(useColor(undefined, { isTTY: false }, { FORCE_COLOR: '1' })).to.equal(true);
    expect(useColor(undefined, { isTTY: true }, {})).to.equal(true);
    expect(useColor(undefined, { isTTY: false }, {})).to.equal(false);
  });
});
