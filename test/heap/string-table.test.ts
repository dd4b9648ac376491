import { expect } from 'chai';
import { HeapSnapshotParser } from '../../lib/heap/parser.js';
import { StringTable } from '../../lib/heap/string-table.js';
import { loadWithJsonParse } from '../helpers/reference-loader.js';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';

const NAMES = ['plain', 'say "hi"', 'back\\slash', 'tab\there\nnew', 'café', '中文字符', 'emoji 😀!', '', '7 / part of key (Key @41) -> value (Val @43) pair in WeakMap (table @45)'];

function snapshotText(): string {
  const b = new SnapshotBuilder();
  for (const name of NAMES) b.edge(b.gcRoots, b.node({ type: 'string', name }), 'element', 1);
  for (let k = 0; k < 3000; k++) b.edge(b.gcRoots, b.node({ name: `Obj${k} ${NAMES[k % NAMES.length]}` }), 'element', k);
  return b.toJSON();
}

function parse(bytes: Uint8Array, chunk: number, byteLength?: number) {
  const p = new HeapSnapshotParser({ byteLength });
  for (let i = 0; i < bytes.length; i += chunk) p.write(bytes.subarray(i, i + chunk));
  return p.end();
}

describe('heap/string-table (strings decoded on first use)', () => {
  const text = snapshotText();
  const bytes = Buffer.from(text, 'utf8');
  const expected = loadWithJsonParse(text).strings;

  it('decodes each string alone, in any order, as JSON.parse does, whatever the chunks and size hint', () => {
    for (const [chunk, hint] of [[1 << 20, bytes.length], [5, 0], [4096, 100], [97, bytes.length * 3]] as const) {
      const s = parse(bytes, chunk, hint);
      expect(s.stringCount, `chunk ${chunk}`).to.equal(expected.length);
      for (let i = expected.length - 1; i >= 0; i -= 3) expect(s.string(i), `chunk ${chunk} string ${i}`).to.equal(expected[i]);
      expect(s.string(expected.length)).to.equal(undefined);
      expect(s.strings, `chunk ${chunk} all`).to.deep.equal(expected);
    }
  });

  it('tells a numbered suffix from the raw bytes as from decoded text', () => {
    const s = parse(bytes, 7);
    const marker = new TextEncoder().encode(' pair in WeakMap (table @');
    const byBytes = expected.map((_, i) => s.stringTable.endsWithNumbered(i, marker, 0x29));
    const fromArray = StringTable.fromArray(expected);
    const byText = expected.map((_, i) => fromArray.endsWithNumbered(i, marker, 0x29));
    expect(byBytes).to.deep.equal(byText);
    expect(byBytes).to.deep.equal(expected.map((t) => / pair in WeakMap \(table @\d+\)$/.test(t)));
    expect(byBytes.filter(Boolean).length).to.be.greaterThan(1);
    // A decoded string answers from its text.
    s.strings.forEach((_, i) => expect(s.stringTable.endsWithNumbered(i, marker, 0x29)).to.equal(byText[i]));
  });

  it('checks prefixes and suffixes on the raw bytes as on the decoded text, escapes included', () => {
    const names = [...expected, '12 / part of key (x', '\\u0031 / part', '/ part of key (', '3 / part of key', 'x / DevTools console', '7 / DevTools console'];
    const b = new SnapshotBuilder();
    for (const name of names) b.edge(b.gcRoots, b.node({ type: 'string', name }), 'element', 1);
    // One name whose digit and suffix are written as escapes.
    const text2 = b.toJSON().replace('"7 / DevTools console"', '"\\u0037 / DevTools consol\\u0065"');
    const want = loadWithJsonParse(text2).strings;
    const enc = (t: string) => new TextEncoder().encode(t);
    for (const chunk of [5, 1 << 20]) {
      const s = parse(Buffer.from(text2, 'utf8'), chunk);
      want.forEach((t, i) => {
        expect(s.stringTable.endsWith(i, enc(' / DevTools console')), `${JSON.stringify(t)} suffix`).to.equal(t.endsWith(' / DevTools console'));
        expect(s.stringTable.startsWithNumbered(i, enc(' / part of key (')), `${JSON.stringify(t)} prefix`).to.equal(/^\d+ \/ part of key \(/.test(t));
        for (const p of ['7 / DevTools', 'pla', 'plain', '']) {
          expect(s.stringTable.startsWith(i, enc(p)), `${JSON.stringify(t)} starts with ${p}`).to.equal(t.startsWith(p));
          expect(s.stringTable.startsWith(i, enc(p), true), `${JSON.stringify(t)} is ${p}`).to.equal(t === p);
        }
      });
    }
    expect(want.filter((t) => t.endsWith(' / DevTools console'))).to.have.length(2);
  });

  it('fails on a corrupt escape at parse time, naming its byte', () => {
    // As JSON.parse decides: an unknown escape, a short \u, a raw control character beside an escape.
    for (const wrong of ['"pl\\qain"', '"pl\\u12ain"', '"p\\nl\u0001ain"']) {
      const bad = Buffer.from(text.replace('"plain"', wrong), 'utf8');
      for (const chunk of [1 << 20, 3]) expect(() => parse(bad, chunk), wrong).to.throw(/corrupt string escape in "strings" at byte \d+/);
    }
    // Good escapes of every kind decode exactly.
    const good = text.replace('"plain"', '"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00"');
    const s = parse(Buffer.from(good, 'utf8'), 5);
    expect(s.strings).to.deep.equal(loadWithJsonParse(good).strings);
  });
});
