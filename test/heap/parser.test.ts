import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { HeapSnapshotParser, parseHeapSnapshot } from '../../lib/heap/parser.js';
import { parseHeapSnapshotChunks, readHeapSnapshot } from '../../lib/heap/read.js';
import type { HeapSnapshot } from '../../lib/heap/snapshot.js';
import { loadWithJsonParse } from '../helpers/reference-loader.js';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';

const COLUMNS = [
  'nodeType', 'nodeName', 'nodeId', 'nodeSelfSize', 'firstEdge', 'nodeDetachedness', 'nodeTraceId',
  'edgeType', 'edgeNameOrIndex', 'edgeTo', 'locations', 'samples', 'traceFunctionInfos',
] as const;

/** Column by column, naming the first differing index (deep-equal output is useless at 100k entries). */
function expectSameSnapshot(actual: HeapSnapshot, expected: HeapSnapshot, label = ''): void {
  expect(actual.nodeCount, `${label} nodeCount`).to.equal(expected.nodeCount);
  expect(actual.edgeCount, `${label} edgeCount`).to.equal(expected.edgeCount);
  expect(actual.rootIndex, `${label} rootIndex`).to.equal(expected.rootIndex);
  for (const col of COLUMNS) {
    const a = actual[col];
    const b = expected[col];
    if (a === null || b === null) {
      expect(a, `${label} ${col}`).to.equal(b);
      continue;
    }
    expect(a.constructor, `${label} ${col} type`).to.equal(b.constructor);
    expect(a.length, `${label} ${col} length`).to.equal(b.length);
    let first = -1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        first = i;
        break;
      }
    }
    expect(first, `${label} ${col} first difference (${a[first]} vs ${b[first]})`).to.equal(-1);
  }
  expect(actual.strings.length, `${label} strings`).to.equal(expected.strings.length);
  const badString = actual.strings.findIndex((s, i) => s !== expected.strings[i]);
  expect(badString, `${label} first differing string ${JSON.stringify(actual.strings[badString])}`).to.equal(-1);
  expect(actual.meta, `${label} meta`).to.deep.equal(expected.meta);
  expect(actual.traceTree, `${label} trace_tree`).to.deep.equal(expected.traceTree);
}

function parseInChunks(bytes: Uint8Array, size: number): HeapSnapshot {
  const p = new HeapSnapshotParser();
  for (let i = 0; i < bytes.length; i += size) p.write(bytes.subarray(i, i + size));
  return p.end();
}

/** Splits a JS string every `size` UTF-16 units, surrogate pairs included, as a careless producer might. */
function parseStringChunks(text: string, size: number): HeapSnapshot {
  const p = new HeapSnapshotParser();
  for (let i = 0; i < text.length; i += size) p.write(text.slice(i, i + size));
  return p.end();
}

const TRICKY_NAMES = [
  'plain',
  'say "hi"',
  'back\\slash',
  'tab\there\nnewline\r\b\f',
  'slash / and \u0001 control',
  'café',
  '中文字符',
  'emoji 😀 and 🎉!',
  '𝄞 music',
  '',
];

/** A small snapshot using every feature the format has, written by the builder. */
function richSnapshot(): string {
  const b = new SnapshotBuilder();
  const win = b.node({ name: 'Window / http://127.0.0.1/', detachedness: 1 });
  b.edge(b.gcRoots, win, 'element', 1);
  let prev = win;
  for (let k = 0; k < 60; k++) {
    const name = TRICKY_NAMES[k % TRICKY_NAMES.length];
    const o = b.node({ name: `${name}#${k}`, selfSize: 16 + k, detachedness: k % 3 });
    b.prop(prev, `p${k} ${name}`, o);
    const s = b.node({ type: 'string', name, selfSize: 32 });
    b.prop(o, 'text', s);
    b.edge(o, s, 'element', k);
    b.edge(o, win, 'weak', 'back');
    if (k % 5 === 0) b.location(o, 7, k, k * 2);
    prev = o;
  }
  b.extraSections = { scopes: [6, -2, 0, 1, 1], scope_context_vars: [5252], scope_uses: [-2, 0, -2, 0] };
  // Escape some characters the way V8 does (\u sequences, incl. a surrogate pair) rather than raw UTF-8.
  return b.toJSON().replace('"emoji 😀 and 🎉!"', '"emoji \\ud83d\\ude00 and \\uD83C\\uDF89!"');
}

describe('HeapSnapshotParser', () => {
  it('matches the JSON.parse oracle for chunk sizes 1, 7, 4096 and 1 MiB', () => {
    const text = richSnapshot();
    const bytes = Buffer.from(text, 'utf8');
    const expected = loadWithJsonParse(text);
    expect(expected.strings).to.include('emoji 😀 and 🎉!');
    for (const size of [1, 7, 4096, 1 << 20]) expectSameSnapshot(parseInChunks(bytes, size), expected, `chunk ${size}`);
    for (const size of [1, 3, 4096]) expectSameSnapshot(parseStringChunks(text, size), expected, `string chunk ${size}`);
  });

  it('decodes strings with escapes, surrogate pairs and multibyte UTF-8 split at every byte', () => {
    const b = new SnapshotBuilder();
    for (const name of TRICKY_NAMES) b.edge(b.gcRoots, b.node({ type: 'string', name }), 'element', 1);
    const text = b.toJSON().replace('"emoji 😀 and 🎉!"', '"emoji \\ud83d\\ude00 and \\uD83C\\uDF89!"');
    const bytes = Buffer.from(text, 'utf8');
    const expected = loadWithJsonParse(text);
    const from = text.indexOf('"strings"');
    for (let cut = Buffer.byteLength(text.slice(0, from)); cut <= bytes.length; cut++) {
      const p = new HeapSnapshotParser();
      p.write(bytes.subarray(0, cut));
      p.write(bytes.subarray(cut));
      const s = p.end();
      expect(s.strings, `split at byte ${cut}`).to.deep.equal(expected.strings);
    }
    // And split between UTF-16 units (a CDP-style string producer cutting a surrogate pair).
    for (let cut = from; cut <= text.length; cut++) {
      const p = new HeapSnapshotParser();
      p.write(text.slice(0, cut));
      p.write(text.slice(cut));
      expect(p.end().strings, `split at char ${cut}`).to.deep.equal(expected.strings);
    }
  });

  it('skips unknown sections holding every kind of JSON value, before and after the columns', () => {
    const b = new SnapshotBuilder();
    b.prop(b.gcRoots, 'x', b.node({ name: 'X' }));
    const weird = {
      scopes: [1, -2, 3.5e-3, -0, 1e21],
      obj: { a: [1, { b: 'x"]}[{' }], c: null, 'k\\"': { '': [] } },
      str: 'a]}"\\u1234 😀',
      num: -1.5e3,
      t: true,
      f: false,
      n: null,
      emptyArr: [],
      emptyObj: {},
      nested: [[[[]]], [{}]],
    };
    b.extraSections = weird;
    let text = b.toJSON();
    // Unknown sections may also precede the header and sit between nodes and edges.
    text = text.replace('{"snapshot"', '{"aaa" : [ {"nodes":[1,2]} ] , "zzz":"snapshot" ,\n "snapshot"');
    text = text.replace('\n"edges"', '\n"between": {"x": [true, false, null, -1, "]"]},\n"edges"');
    const expected = loadWithJsonParse(text);
    for (const size of [1, 5, 1 << 20]) expectSameSnapshot(parseInChunks(Buffer.from(text), size), expected, `chunk ${size}`);
  });

  it('reads the field layout from meta: no detachedness, trace_node_id, reordered fields', () => {
    const b = new SnapshotBuilder();
    for (let k = 0; k < 20; k++) b.edge(b.gcRoots, b.node({ name: `N${k}`, selfSize: k * 1000, detachedness: k % 3 }), 'element', k);
    const raw = JSON.parse(b.toJSON());
    const layouts: string[][] = [
      ['type', 'name', 'id', 'self_size', 'edge_count'],
      ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id'],
      ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
      ['edge_count', 'id', 'detachedness', 'name', 'self_size', 'type', 'some_future_field'],
    ];
    for (const fields of layouts) {
      const text = withNodeFields(raw, fields);
      const expected = loadWithJsonParse(text);
      const actual = parseInChunks(Buffer.from(text), 3);
      expectSameSnapshot(actual, expected, fields.join());
      expect(actual.nodeTraceId !== null, 'trace ids kept').to.equal(fields.includes('trace_node_id'));
      if (!fields.includes('detachedness')) expect(actual.nodeDetachedness.every((d) => d === 0)).to.equal(true);
      else expect(actual.isDetached(actual.nodeCount - 1)).to.equal((actual.nodeCount - 3) % 3 === 2);
    }
  });

  it('keeps trace_function_infos, trace_tree, samples and negative locations', () => {
    const b = new SnapshotBuilder();
    const f = b.node({ type: 'closure', name: 'f' });
    b.edge(b.gcRoots, f, 'element', 1);
    b.location(f, 3, 10, 4);
    const raw = JSON.parse(b.toJSON());
    raw.snapshot.trace_function_count = 1;
    raw.trace_function_infos = [1, 2, 3, 4, 5, 6];
    raw.trace_tree = [1, 0, 2, 64, [2, 0, 1, 32, []]];
    raw.samples = [100.5, 3, 2e3, 5, -1.25e-2, 7];
    raw.locations.push(0, -1, -1, 0);
    const text = JSON.stringify(raw);
    const s = parseInChunks(Buffer.from(text), 2);
    expectSameSnapshot(s, loadWithJsonParse(text));
    expect(Array.from(s.samples!)).to.deep.equal([100.5, 3, 2000, 5, -0.0125, 7]);
    expect(s.traceTree).to.deep.equal([1, 0, 2, 64, [2, 0, 1, 32, []]]);
    expect(s.location(f)).to.deep.equal({ scriptId: 3, line: 10, column: 4 });
  });

  it('grows its columns when the header has no node_count or edge_count', () => {
    const b = new SnapshotBuilder();
    for (let k = 0; k < 70_000; k++) b.edge(b.gcRoots, b.node({ name: `n${k % 100}` }), 'element', k);
    const raw = JSON.parse(b.toJSON());
    delete raw.snapshot.node_count;
    delete raw.snapshot.edge_count;
    const text = JSON.stringify(raw);
    const s = parseInChunks(Buffer.from(text), 1 << 16);
    expectSameSnapshot(s, loadWithJsonParse(text));
    expect(s.nodeCount).to.equal(70_002);
  });

  it('reads from a file path, an async iterable and an iterable of strings', async () => {
    const text = richSnapshot();
    const expected = loadWithJsonParse(text);
    const dir = mkdtempSync(path.join(tmpdir(), 'leakhound-parser-'));
    try {
      const file = path.join(dir, 'a.heapsnapshot');
      writeFileSync(file, text);
      expectSameSnapshot(await readHeapSnapshot(file), expected, 'file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    async function* chunks() {
      for (let i = 0; i < text.length; i += 1000) yield Buffer.from(text.slice(i, i + 1000));
    }
    expectSameSnapshot(await readHeapSnapshot(chunks()), expected, 'async iterable');
    expectSameSnapshot(await parseHeapSnapshotChunks([text.slice(0, 77), text.slice(77)]), expected, 'iterable');
    expectSameSnapshot(parseHeapSnapshot(text), expected, 'string');
  });

  describe('on a real Chromium snapshot', function () {
    this.timeout(60_000);
    const executablePath = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

    it('parses CDP chunks as they arrive, matching the oracle and finding 100 Foo objects', async function () {
      if (!existsSync(executablePath)) this.skip();
      const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
      if (process.getuid?.() === 0) args.push('--no-sandbox');
      const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args });
      let text: string;
      let streamed: HeapSnapshot;
      try {
        const page = await browser.newPage();
        await page.setContent(
          '<script>class Foo{}; window.store = { items: [] }; for (let i = 0; i < 100; i++) store.items.push(new Foo());</script>',
        );
        const session = await page.createCDPSession();
        await session.send('HeapProfiler.enable');
        const parser = new HeapSnapshotParser({ source: 'cdp' });
        const chunks: string[] = [];
        session.on('HeapProfiler.addHeapSnapshotChunk', (e) => {
          chunks.push(e.chunk);
          parser.write(e.chunk);
        });
        await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
        streamed = parser.end();
        text = chunks.join('');
      } finally {
        await browser.close();
      }
      const expected = loadWithJsonParse(text);
      expectSameSnapshot(streamed, expected, 'streamed');
      const bytes = Buffer.from(text, 'utf8');
      for (const size of [1, 7, 4096, 1 << 20]) expectSameSnapshot(parseInChunks(bytes, size), expected, `chunk ${size}`);

      const objectType = streamed.types.object;
      let foos = 0;
      for (let n = 0; n < streamed.nodeCount; n++) {
        if (streamed.nodeType[n] === objectType && streamed.name(n) === 'Foo') foos++;
      }
      expect(foos).to.equal(100);
      expect(streamed.nodeDetachedness.some((d) => d !== 0), 'Chromium writes detachedness').to.equal(true);
    });
  });
});

/** Rewrites a parsed builder snapshot with another node field list (unknown fields get 7s). */
function withNodeFields(raw: any, fields: string[]): string {
  const old: string[] = raw.snapshot.meta.node_fields;
  const oldTypes: unknown[] = raw.snapshot.meta.node_types;
  const nodes: number[] = raw.nodes;
  const out: number[] = [];
  for (let o = 0; o < nodes.length; o += old.length) {
    for (const f of fields) {
      const k = old.indexOf(f);
      out.push(k >= 0 ? nodes[o + k] : f === 'trace_node_id' ? (o / old.length) * 3 + 1 : 7);
    }
  }
  const meta = {
    ...raw.snapshot.meta,
    node_fields: fields,
    node_types: fields.map((f) => (old.indexOf(f) >= 0 ? oldTypes[old.indexOf(f)] : 'number')),
  };
  // Edges point at node offsets, which depend on the field count.
  const edges: number[] = raw.edges.slice();
  for (let e = 2; e < edges.length; e += 3) edges[e] = (edges[e] / old.length) * fields.length;
  return JSON.stringify({ ...raw, snapshot: { ...raw.snapshot, meta }, nodes: out, edges });
}
