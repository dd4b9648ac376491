import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeapSnapshotError } from '../../lib/heap/errors.js';
import { HeapSnapshotParser, parseHeapSnapshot } from '../../lib/heap/parser.js';
import { readHeapSnapshot } from '../../lib/heap/read.js';
import { SnapshotBuilder } from '../helpers/snapshot-builder.js';

/**
 * root → (GC roots) → Window → Foo: 4 nodes, 3 edges.
 * Strings: <dummy>, '', '(GC roots)', 'Window', 'foo', 'Foo'.
 */
function small(): string {
  const b = new SnapshotBuilder();
  const win = b.node({ name: 'Window' });
  b.edge(b.gcRoots, win, 'element', 1);
  b.prop(win, 'foo', b.node({ name: 'Foo' }));
  return b.toJSON();
}

/** The numbers of a section of `text`, for mutating. */
function numbers(text: string, key: string): { before: string; values: number[]; after: string } {
  const start = text.indexOf(`"${key}":[`) + key.length + 4;
  const end = text.indexOf(']', start);
  const values = text.slice(start, end).split(',').map(Number);
  return { before: text.slice(0, start), values, after: text.slice(end) };
}

function withSection(text: string, key: string, f: (values: number[]) => string): string {
  const { before, values, after } = numbers(text, key);
  return before + f(values) + after;
}

/** Parses whole and byte by byte; both must fail with the same one-line HeapSnapshotError. */
function expectError(input: string | Buffer, pattern: RegExp, source?: string): string {
  const messages: string[] = [];
  for (const size of [Infinity, 1]) {
    const bytes = typeof input === 'string' ? Buffer.from(input) : input;
    const p = new HeapSnapshotParser({ source });
    let err: unknown;
    try {
      if (size === Infinity) p.write(bytes);
      else for (let i = 0; i < bytes.length; i++) p.write(bytes.subarray(i, i + 1));
      p.end();
    } catch (e) {
      err = e;
    }
    expect(err, `chunk ${size}: should fail`).to.be.instanceOf(HeapSnapshotError);
    const msg = (err as Error).message;
    expect(msg, `chunk ${size}`).to.match(pattern);
    expect(msg).not.to.include('\n');
    messages.push(msg);
  }
  expect(messages[1], 'same message whatever the chunking').to.equal(messages[0]);
  return messages[0];
}

describe('HeapSnapshotParser errors', () => {
  it('accepts the unmodified base snapshot', () => {
    const s = parseHeapSnapshot(small());
    expect(s.nodeCount).to.equal(4);
    expect(s.edgeCount).to.equal(3);
  });

  it('rejects empty input', () => {
    expectError('', /^empty input$/);
    expectError('  \n\t', /^empty input \(only whitespace\)$/);
  });

  it('rejects input that is not JSON', () => {
    expectError('hello world', /^not JSON: starts with 'h' at byte 0$/);
    expectError('<html><body></body></html>', /^not JSON: starts with '<'/);
    expectError(Buffer.from([0x00, 0x01, 0x02]), /^not JSON: starts with byte 0x00/);
    expectError('{x', /^not JSON: 'x' at byte 1 where a section name was expected$/);
    expectError('{"snapshot" 1', /^not JSON: '1' at byte 12 where ':' after "snapshot" was expected$/);
  });

  it('rejects JSON that is not a heap snapshot', () => {
    const cpuprofile = '{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"},"children":[2]}],"startTime":0,"endTime":10,"samples":[1],"timeDeltas":[10]}';
    expectError(cpuprofile, /^not a V8 heap snapshot: "nodes" comes before the "snapshot" header$/);
    expectError('[1,2,3]', /^not a V8 heap snapshot: the JSON value is an array, not an object$/);
    expectError('"x"', /^not a V8 heap snapshot: the JSON value is a string/);
    expectError('{"traceEvents":[],"metadata":{}}', /^not a V8 heap snapshot: no "snapshot" section \(sections: "traceEvents", "metadata"\)$/);
    expectError('{}', /^not a V8 heap snapshot: no "snapshot" section$/);
    expectError('{"snapshot":{"meta":{}}}', /^not a V8 heap snapshot: snapshot.meta.node_fields is not a list/);
    expectError('{"snapshot":[1]}', /^not a V8 heap snapshot: the "snapshot" section is not an object$/);
    const noEdgeCount = small().replace('"edge_count","detachedness"', '"edges_count","detachedness"');
    expectError(noEdgeCount, /^not a V8 heap snapshot: snapshot.meta.node_fields lacks "edge_count"$/);
    const header = small().slice(0, small().indexOf('\n"nodes"'));
    expectError(`${header}\n"strings":[]}`, /^not a V8 heap snapshot: no "nodes" section$/);
    expectError(small().replace('"nodes":[', '"nodes":{"a":['), /^"nodes" is not an array \(starts with '\{'/);
  });

  it('says how far truncated input got', () => {
    const text = small();
    const nodesAt = text.indexOf('"nodes":[') + 9;
    const rows = text.slice(nodesAt).split(',\n');
    // Two whole nodes, then half of the third.
    const cut = nodesAt + rows[0].length + 2 + rows[1].length + 2 + 3;
    expectError(text.slice(0, cut), /^truncated: 2 of 4 nodes \(after \d+ bytes\)$/);
    expectError(text.slice(0, text.indexOf('"edges":[') + 9 + 8), /^truncated: 1 of 3 edges/);
    expectError(text.slice(0, text.indexOf('"strings":[') + 25), /^truncated: in "strings" after 2 strings/);
    expectError(text.slice(0, 40), /^truncated: inside "snapshot"/);
    expectError(text.slice(0, text.indexOf('"trace_function_infos"')), /^truncated: ends after "edges" .*missing "strings"$/);
    expectError(text.slice(0, -1), /^truncated: ends after "strings"/);
    expectError('{"snapshot":{"meta":{"node_fields":["type","na', /^truncated: inside "snapshot" \(after 46 bytes\)$/);
  });

  it('rejects node and edge arrays whose length disagrees with the header', () => {
    const text = small();
    expectError(text.replace('"node_count":4', '"node_count":5'), /^the nodes array holds 4 nodes, but node_count is 5$/);
    expectError(text.replace('"node_count":4', '"node_count":3'), /the nodes array holds more than node_count \(3\) nodes/);
    expectError(withSection(text, 'nodes', (v) => v.slice(0, -1).join(',')), /the nodes array has 23 numbers, not a multiple of the 6 node fields/);
    // Edge counts agree with edge_count, but the edges array is one edge short.
    const shortEdges = withSection(text, 'edges', (v) => v.slice(0, -3).join(','));
    expectError(shortEdges, /the edges array holds 2 edges, but edge_count is 3/);
    expectError(withSection(text, 'edges', (v) => [...v, 2].join(',')), /holds more than edge_count \(3\) edges/);
    expectError(withSection(text, 'edges', (v) => v.slice(0, -1).join(',')), /the edges array has 8 numbers, not a multiple of the 3 edge fields/);
  });

  it('rejects edge_count fields that do not add up to edge_count', () => {
    const text = small();
    // Node 3 (Foo) claims an edge it does not have.
    const bad = withSection(text, 'nodes', (v) => {
      v[3 * 6 + 4] = 1;
      return v.join(',');
    });
    expectError(bad, /the nodes' edge_count fields add up to 4, but edge_count is 3/);
    const noCounts = JSON.parse(bad);
    delete noCounts.snapshot.edge_count;
    expectError(JSON.stringify(noCounts), /the nodes' edge_count fields add up to 4, but there are 3 edges/);
  });

  it('rejects corrupt numbers', () => {
    const text = small();
    const set = (key: string, index: number, raw: string) => {
      const { before, values, after } = numbers(text, key);
      const parts = values.map(String);
      parts[index] = raw;
      return before + parts.join(',') + after;
    };
    expectError(set('nodes', 9, '16.5'), /^corrupt snapshot: a non-integer number in "nodes" at node 1 at byte \d+$/);
    expectError(set('nodes', 9, '1e3'), /a non-integer number in "nodes" at node 1/);
    expectError(set('nodes', 2, '-1'), /a negative number in "nodes" at node 0/);
    expectError(set('edges', 4, '1x'), /'x' in "edges" at edge 1 at byte/);
    expectError(set('edges', 4, '\u0007'), /byte 0x07 in "edges" at edge 1/);
    expectError(set('nodes', 2, '1 2'), /a missing ',' in "nodes"/);
    expectError(set('nodes', 2, ''), /a misplaced ',' in "nodes"/);
    expectError(set('nodes', 0, '99'), /node 0 has type 99, but meta lists 15 node types/);
    expectError(set('edges', 0, '7'), /edge 0 has type 7, but meta lists 7 edge types/);
    expectError(set('nodes', 2, '99999999999'), /node 0 has id 99999999999, out of range/);
    expectError(text.replace('"locations":[', '"locations":[1,2.5,'), /a non-integer number in "locations"/);
    expectError(text.slice(0, text.indexOf('"samples":[') + 11) + '1,-', /^truncated: inside "samples"/);
    expectError(text.replace('"samples":[', '"samples":[1,-]'), /a misplaced '\]' in "samples"/);
  });

  it('reports errors deep inside long node and edge arrays (read whole rows at a time) as anywhere else', () => {
    // 300 objects in a chain: rows far past the first, with whole rows on both sides of the bad one.
    const b = new SnapshotBuilder();
    let prev = b.node({ name: 'Window' });
    b.edge(b.gcRoots, prev, 'element', 1);
    for (let k = 0; k < 300; k++) {
      const o = b.node({ name: `Foo${k % 7}`, selfSize: 10 + k });
      b.prop(prev, `p${k % 5}`, o);
      prev = o;
    }
    const text = b.toJSON();
    expect(parseHeapSnapshot(text).nodeCount).to.equal(303);
    const set = (key: string, index: number, raw: string) => {
      const { before, values, after } = numbers(text, key);
      const parts = values.map(String);
      parts[index] = raw;
      return before + parts.join(',') + after;
    };
    const node = (row: number, field: number) => row * 6 + field;
    const edge = (row: number, field: number) => row * 3 + field;
    expectError(set('nodes', node(200, 3), '16.5'), /a non-integer number in "nodes" at node 200/);
    expectError(set('nodes', node(200, 2), '-1'), /a negative number in "nodes" at node 200/);
    expectError(set('nodes', node(150, 0), '99'), /node 150 has type 99, but meta lists 15 node types/);
    expectError(set('nodes', node(150, 2), '99999999999'), /node 150 has id 99999999999, out of range/);
    expectError(set('nodes', node(150, 5), '300'), /node 150 has detachedness 300, out of range/);
    expectError(set('nodes', node(150, 2), '1 2'), /a missing ',' in "nodes"/);
    expectError(set('nodes', node(150, 4), '2'), /edge_count fields add up to/);
    expectError(set('edges', edge(200, 0), '7'), /edge 200 has type 7, but meta lists 7 edge types/);
    expectError(set('edges', edge(200, 1), '1x'), /'x' in "edges" at edge 200 at byte/);
    expectError(set('edges', edge(200, 2), '7'), /edge 200 has to_node 7, not a multiple of the 6 node fields/);
    expectError(set('edges', edge(200, 2), '6000'), /edge 200 has to_node 6000, past the end of the 303 nodes/);
    expectError(set('edges', edge(200, 1), '99999999999'), /edge 200 has name_or_index 99999999999, out of range/);
    // A property edge naming a string past the table, found though the rows are read whole.
    const strings = parseHeapSnapshot(text).stringCount;
    expectError(set('edges', edge(200, 1), String(strings)), new RegExp(`^edge 200 has name index ${strings}, past the ${strings} strings$`));
    // Blanks between numbers (older V8 wrote a newline after each row) read the same.
    const spaced = text.replace(/"edges":\[([^\]]*)\]/, (_m, body: string) => `"edges":[${body.replace(/,/g, ', ').replace(/(\d+), (\d+), (\d+),/g, '$1,$2,$3\n,')}]`);
    expect(spaced).to.not.equal(text);
    const a = parseHeapSnapshot(spaced);
    const e = parseHeapSnapshot(text);
    expect(Array.from(a.edgeTo)).to.deep.equal(Array.from(e.edgeTo));
    expect(Array.from(a.edgeNameOrIndex)).to.deep.equal(Array.from(e.edgeNameOrIndex));
  });

  it('reads long flat lists (locations) whole values at a time, negatives and errors included', () => {
    const b = new SnapshotBuilder();
    let prev = b.node({ name: 'Window' });
    b.edge(b.gcRoots, prev, 'element', 1);
    for (let k = 0; k < 300; k++) {
      const o = b.node({ name: 'Foo', selfSize: 10 });
      b.prop(prev, 'next', o);
      b.location(o, 7, k * 13, k % 50 === 0 ? -1 : k * 1000);
      prev = o;
    }
    const text = b.toJSON();
    const s = parseHeapSnapshot(text);
    const expected = numbers(text, 'locations').values;
    expect(expected.length).to.equal(1200);
    expect(Array.from(s.locations!)).to.deep.equal(expected);
    for (const size of [1, 7, 333]) {
      const p = new HeapSnapshotParser();
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; i += size) p.write(bytes.subarray(i, i + size));
      expect(Array.from(p.end().locations!), `chunk ${size}`).to.deep.equal(expected);
    }
    const set = (index: number, raw: string) => {
      const { before, values, after } = numbers(text, 'locations');
      const parts = values.map(String);
      parts[index] = raw;
      return before + parts.join(',') + after;
    };
    expectError(set(801, '2.5'), /a non-integer number in "locations"/);
    expectError(set(801, '3000000000'), /value 3000000000 in "locations" is not a 32-bit integer/);
    expectError(set(801, '1x'), /'x' in "locations"/);
  });

  it('rejects edges whose to_node is not a node', () => {
    const text = small();
    expectError(withSection(text, 'edges', (v) => ((v[2] = 7), v.join(','))), /edge 0 has to_node 7, not a multiple of the 6 node fields/);
    expectError(withSection(text, 'edges', (v) => ((v[5] = 24), v.join(','))), /edge 1 has to_node 24, past the end of the 4 nodes/);
    const noCounts = JSON.parse(withSection(text, 'edges', (v) => ((v[8] = 600), v.join(','))));
    delete noCounts.snapshot.node_count;
    delete noCounts.snapshot.edge_count;
    expectError(JSON.stringify(noCounts), /edge 2 has to_node 600, past the end of the 4 nodes/);
  });

  it('rejects name indices past the strings table', () => {
    const text = small();
    expectError(withSection(text, 'nodes', (v) => ((v[6 + 1] = 99), v.join(','))), /^node 1 \(id \d+\) has name index 99, past the 6 strings$/);
    expectError(withSection(text, 'edges', (v) => ((v[7] = 6), v.join(','))), /^edge 2 has name index 6, past the 6 strings$/);
    // Element edges carry an index, not a name: any value is fine.
    const s = parseHeapSnapshot(withSection(text, 'edges', (v) => ((v[1] = 1000), v.join(','))));
    expect(s.edgeName(0)).to.equal('1000');
  });

  it('rejects corrupt strings, unknown sections and trailing data', () => {
    const text = small();
    expectError(text.replace('"Window"', '"Win\\qdow"'), /a corrupt string escape in "strings"/);
    expectError(text.replace('"strings":[', '"strings":[1,'), /'1' in "strings" after 0 strings/);
    expectError(text.replace('"locations"', '"scopes":[1,2,},\n"locations"'), /^"scopes" is corrupt: '\}' where a value was expected at byte \d+$/);
    expectError(text.replace('"locations"', '"scopes":{"a" 1},\n"locations"'), /"scopes" is corrupt: '1' where ':' was expected/);
    expectError(text.replace('"locations"', '"scopes":[tru],\n"locations"'), /"scopes" is corrupt: a bad literal/);
    expectError(text.replace('"trace_tree":[]', '"trace_tree":[1,]'), /"trace_tree" is corrupt/);
    expectError(`${text}\n{}`, /^unexpected data after the end of the snapshot at byte \d+$/);
    expectError(text.replace('"samples":[]', '"samples":[],"samples":[]'), /^section "samples" appears twice$/);
  });

  it('prefixes the source and keeps failing once failed', () => {
    const msg = expectError('', /^dump.heapsnapshot: empty input$/, 'dump.heapsnapshot');
    expect(msg).to.equal('dump.heapsnapshot: empty input');
    const p = new HeapSnapshotParser({ source: 'cdp' });
    let first: unknown;
    try {
      p.write('[');
    } catch (e) {
      first = e;
    }
    expect((first as HeapSnapshotError).source).to.equal('cdp');
    expect(() => p.write('{')).to.throw(HeapSnapshotError, /^cdp: not a V8 heap snapshot/);
    expect(() => p.end()).to.throw(HeapSnapshotError, /^cdp: not a V8 heap snapshot/);
  });

  it('names the file it cannot read or parse', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'leakhound-parser-errors-'));
    try {
      const missing = path.join(dir, 'nope.heapsnapshot');
      await expectRejects(readHeapSnapshot(missing), `cannot read ${missing}: no such file`);
      await expectRejects(readHeapSnapshot(dir), `cannot read ${dir}: is a directory`);
      const cut = path.join(dir, 'cut.heapsnapshot');
      writeFileSync(cut, small().slice(0, 300));
      await expectRejects(readHeapSnapshot(cut), new RegExp(`^${escapeRegExp(cut)}: truncated: `));
      await expectRejects(readHeapSnapshot(cut, { source: 'label' }), /^label: truncated: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function expectRejects(p: Promise<unknown>, expected: string | RegExp): Promise<void> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err).to.be.instanceOf(HeapSnapshotError);
  const msg = (err as Error).message;
  if (typeof expected === 'string') expect(msg).to.equal(expected);
  else expect(msg).to.match(expected);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
