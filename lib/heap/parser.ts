// Streaming parser for V8 `.heapsnapshot` files. A byte-level state machine: chunks go in as
// they arrive (file reads, CDP `addHeapSnapshotChunk` events) and numbers are written straight
// into the column typed arrays, so the file never exists as one JS string (V8 strings stop at
// ~512 MB; snapshots reach 1–2 GB) and nothing is allocated per number.
//
// Every state survives a chunk boundary: a number, a string, an escape or a UTF-8 sequence may
// be split anywhere, down to chunks of one byte.
import { Buffer } from 'node:buffer';
import { HeapSnapshotError } from './errors.js';
import { describeByte, isSpace, JsonValueScanner } from './json-value-scanner.js';
import { StringSectionReader } from './string-table.js';
import { fastEdgeRows, fastLimit, fastListValues, PACK, readRow } from './parser-rows.js';
import { HeapSnapshot, type HeapSnapshotData } from './snapshot.js';
import {
  EF_NAME, EF_TO, EF_TYPE, NF_DETACHEDNESS, NF_EDGE_COUNT, NF_ID, NF_NAME, NF_SELF_SIZE,
  NF_TRACE_ID, NF_TYPE, readLayout, type SnapshotLayout,
} from './snapshot-layout.js';

// Top-level object.
const T_BEGIN = 0; // before '{'
const T_FIRST_KEY = 1; // after '{': a key or '}'
const T_KEY = 2; // after ',': a key
const T_IN_KEY = 3;
const T_COLON = 4;
const T_VALUE = 5; // a section value starts here
const T_SECTION = 6; // inside a section's value
const T_AFTER = 7; // after a section: ',' or '}'
const T_DONE = 8;

// What the current section's bytes are scanned as.
const K_NODES = 1;
const K_EDGES = 2;
const K_INT32 = 3;
const K_FLOAT = 4;
const K_STRINGS = 5;
const K_VALUE = 6;

// Inside a flat array (numbers or strings).
const A_FIRST = 0; // after '[': an element or ']'
const A_VALUE = 1; // after ',': an element
const A_AFTER = 2; // after an element: ',' or ']'
const A_INT = 3; // inside an integer
const A_MINUS = 4; // after '-'
const A_FLOAT = 5; // inside a number with a fraction or exponent (float sections only)
const A_STRING = 6; // inside a string

const U32_MAX = 0xffffffff;
const I32_MIN = -0x80000000;
const I32_MAX = 0x7fffffff;
/** First allocation when the header has no node_count/edge_count; doubles from there. */
const GROW_ROWS = 1 << 16;
/** A list sized from the bytes left stops growing there; past it, it doubles. */
const LIST_CAP_MAX = 1 << 26;

/**
 * Room for every value `bytesLeft` bytes can hold ("0," is the shortest), so that a list
 * (locations: half a million values on a big page) is allocated once instead of doubling
 * from small: the doublings wrote twice the final size into fresh memory, and each fresh
 * page costs a fault. Pages past the values read are never touched, so the overestimate
 * costs address space only.
 */
function listCapacity(bytesLeft: number): number {
  return bytesLeft > 0 ? Math.min(LIST_CAP_MAX, Math.max(1024, Math.ceil(bytesLeft / 2) + 1)) : 1024;
}

export interface HeapSnapshotParserOptions {
  /** File path or stream label, prefixed to error messages. */
  source?: string;
  /** The input's size in bytes, when known: the string table is then allocated once. */
  byteLength?: number;
  /**
   * Allocate the node and edge columns on SharedArrayBuffers, so that another thread can
   * fault their pages in ahead of the parser (prefault.ts). Same memory, same speed here.
   */
  sharedColumns?: boolean;
}

/** Node's Buffer decoders behind `toString` (public on every Buffer, absent from its types). */
type FastSlices = Buffer & { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string };

export class HeapSnapshotParser {
  private readonly source: string | undefined;
  /** Bytes consumed before the current chunk. */
  private offset = 0;
  private top = T_BEGIN;
  private section = '';
  private readonly seen = new Set<string>();
  private kind = 0;
  private layout: SnapshotLayout | null = null;

  // Flat-array scanning state, saved across chunks.
  private arr = A_FIRST;
  private acc = 0;
  private negative = false;
  private floatText = '';
  /** Rows (nodes, edges) or values (other arrays) completed in the current section. */
  private row = 0;
  /** Field within the current node or edge row. */
  private field = 0;
  private edgeSum = 0;

  private nodeCap = 0;
  private edgeCap = 0;
  private nodesRead = -1;
  private edgesRead = -1;
  private nodeType: Uint8Array = new Uint8Array(0);
  private nodeName: Uint32Array = new Uint32Array(0);
  private nodeId: Uint32Array = new Uint32Array(0);
  private nodeSelfSize: Float64Array = new Float64Array(0);
  private firstEdge: Uint32Array = new Uint32Array(1);
  private nodeDetachedness: Uint8Array = new Uint8Array(0);
  private nodeTraceId: Uint32Array = new Uint32Array(0);
  private edgeType: Uint8Array = new Uint8Array(0);
  private edgeNameOrIndex: Uint32Array = new Uint32Array(0);
  private edgeTo: Uint32Array = new Uint32Array(0);
  private list = new Float64Array(0);

  private stringsReader = new StringSectionReader();
  private readonly byteLength: number;
  private readonly sharedColumns: boolean;
  /** The largest name index of a named (not element/hidden) edge so far; -1 before any. */
  private readonly namedMax = new Float64Array([-1]);
  // Key string state: bytes of a key that spans chunks, and escape bookkeeping.
  private pending = Buffer.alloc(256);
  private pendingLen = 0;
  private strEscaped = false;
  private strSkipNext = false;
  private strDone = false;
  private strValue = '';

  private value: JsonValueScanner | null = null;
  private locations: Int32Array | null = null;
  private samples: Float64Array | null = null;
  private traceFunctionInfos: Float64Array | null = null;
  private traceTree: unknown = null;

  /** A high surrogate that ended a string chunk; it belongs to the next chunk's first char. */
  private carry = '';
  private failure: HeapSnapshotError | null = null;
  private ended = false;

  constructor(opts: HeapSnapshotParserOptions = {}) {
    this.source = opts.source;
    this.byteLength = opts.byteLength ?? 0;
    this.sharedColumns = opts.sharedColumns ?? false;
  }

  /** True once the `snapshot` header is read. */
  get hasLayout(): boolean {
    return this.layout !== null;
  }

  /**
   * The node and edge columns' buffers, once the header has sized them, when they are
   * shared (see `sharedColumns`); null otherwise.
   */
  columnBuffers(): { nodes: SharedArrayBuffer[]; edges: SharedArrayBuffer[] } | null {
    const shared = (a: ArrayBufferView[]) => a.map((v) => v.buffer).filter((b): b is SharedArrayBuffer => b instanceof SharedArrayBuffer && b.byteLength > 0);
    if (!this.layout || !(this.edgeTo.buffer instanceof SharedArrayBuffer)) return null;
    return {
      nodes: shared([this.nodeType, this.nodeName, this.nodeId, this.nodeSelfSize, this.firstEdge, this.nodeDetachedness, this.nodeTraceId]),
      edges: shared([this.edgeType, this.edgeNameOrIndex, this.edgeTo]),
    };
  }

  /** Feeds the next piece of the file. Strings are UTF-8 encoded one chunk at a time. */
  write(chunk: string | Uint8Array): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw this.wrap(new HeapSnapshotError('write() after end()'));
    try {
      const buf = this.toBytes(chunk);
      this.feed(buf);
      this.offset += buf.length;
    } catch (e) {
      throw this.remember(e);
    }
  }

  /** Checks that the input was complete and consistent and returns the snapshot. */
  end(): HeapSnapshot {
    if (this.failure) throw this.failure;
    if (this.ended) throw this.wrap(new HeapSnapshotError('end() called twice'));
    try {
      if (this.carry) {
        const buf = Buffer.from(this.carry, 'utf8');
        this.carry = '';
        this.feed(buf);
        this.offset += buf.length;
      }
      this.ended = true;
      return this.finish();
    } catch (e) {
      throw this.remember(e);
    }
  }

  // ---- top level ----

  private feed(buf: Buffer): void {
    const len = buf.length;
    let i = 0;
    while (i < len) {
      if (this.top === T_SECTION) {
        i = this.scanSection(buf, i);
        continue;
      }
      if (this.top === T_IN_KEY) {
        i = this.scanString(buf, i);
        if (this.strDone) this.startKey(this.strValue);
        continue;
      }
      const c = buf[i];
      if (isSpace(c)) {
        i++;
        continue;
      }
      switch (this.top) {
        case T_BEGIN:
          if (c !== 0x7b) this.notAnObject(c, i);
          this.top = T_FIRST_KEY;
          break;
        case T_FIRST_KEY:
        case T_KEY:
          if (c === 0x22) {
            this.top = T_IN_KEY;
            this.pendingLen = 0;
          } else if (c === 0x7d && this.top === T_FIRST_KEY) this.top = T_DONE;
          else this.unexpected(c, i, 'a section name');
          break;
        case T_COLON:
          if (c !== 0x3a) this.unexpected(c, i, `':' after "${this.section}"`);
          this.top = T_VALUE;
          break;
        case T_VALUE:
          // Flat arrays consume their '['; other values are scanned from their first byte.
          if (!this.startSection(c, i)) continue;
          break;
        case T_AFTER:
          if (c === 0x2c) this.top = T_KEY;
          else if (c === 0x7d) this.top = T_DONE;
          else this.unexpected(c, i, `',' or '}' after "${this.section}"`);
          break;
        case T_DONE:
          throw new HeapSnapshotError(`unexpected data after the end of the snapshot at byte ${this.offset + i}`);
      }
      i++;
    }
  }

  private startKey(key: string): void {
    if (this.seen.has(key)) throw new HeapSnapshotError(`section "${key}" appears twice`);
    this.seen.add(key);
    this.section = key;
    this.top = T_COLON;
  }

  /** Chooses how to scan the section that begins with byte `c`; true when `c` was consumed. */
  private startSection(c: number, i: number): boolean {
    const key = this.section;
    this.top = T_SECTION;
    this.arr = A_FIRST;
    this.row = 0;
    this.field = 0;
    if (key === 'snapshot' || key === 'trace_tree') {
      this.kind = K_VALUE;
      this.value = new JsonValueScanner(key, true);
      return false;
    }
    if (key === 'nodes' || key === 'edges') {
      if (!this.layout) {
        throw new HeapSnapshotError(`not a V8 heap snapshot: "${key}" comes before the "snapshot" header`);
      }
      this.kind = key === 'nodes' ? K_NODES : K_EDGES;
    } else if (key === 'strings') {
      this.kind = K_STRINGS;
      this.stringsReader = new StringSectionReader(Math.max(0, this.byteLength - this.offset - i));
    }
    else if (key === 'locations') this.kind = K_INT32;
    else if (key === 'samples' || key === 'trace_function_infos') this.kind = K_FLOAT;
    else {
      this.kind = K_VALUE;
      this.value = new JsonValueScanner(key, false);
      return false;
    }
    if (c !== 0x5b) throw new HeapSnapshotError(`"${key}" is not an array (starts with ${describeByte(c)} at byte ${this.offset + i})`);
    if (this.kind === K_INT32 || this.kind === K_FLOAT) this.list = new Float64Array(listCapacity(this.byteLength - this.offset - i));
    return true;
  }

  private scanSection(buf: Buffer, i: number): number {
    switch (this.kind) {
      case K_STRINGS: {
        const r = this.stringsReader;
        const next = r.readStrings(buf, i, this.offset);
        if (r.done) {
          this.arr = A_AFTER;
          this.top = T_AFTER;
        }
        return next;
      }
      case K_VALUE: {
        const v = this.value!;
        const next = v.scan(buf, i, this.offset);
        if (v.done) this.endValueSection(v);
        return next;
      }
      default:
        return this.scanNumbers(buf, i);
    }
  }

  private endValueSection(v: JsonValueScanner): void {
    this.value = null;
    this.top = T_AFTER;
    if (this.section === 'snapshot') this.startColumns(readLayout(v.value()));
    else if (this.section === 'trace_tree') this.traceTree = v.value();
  }

  // ---- flat number arrays: the hot loop ----

  private scanNumbers(buf: Buffer, start: number): number {
    const len = buf.length;
    const kind = this.kind;
    const lay = this.layout!;
    const allowNegative = kind === K_INT32 || kind === K_FLOAT;
    let st = this.arr;
    let v = this.acc;
    let negative = this.negative;
    let row = this.row;
    let field = this.field;
    let i = start;

    // Node and edge columns live in locals for speed; growth (headers without counts) reloads them.
    const nodeRoles = lay ? lay.nodeRoles : new Uint8Array(1);
    const edgeRoles = lay ? lay.edgeRoles : new Uint8Array(1);
    const nf = lay ? lay.nodeFieldCount : 1;
    const ef = lay ? lay.edgeFieldCount : 1;
    const nodeTypeCount = lay ? lay.nodeTypeCount : 0;
    const edgeTypeCount = lay ? lay.edgeTypeCount : 0;
    const knownNodeCount = lay ? lay.nodeCount : -1;
    let cap = kind === K_NODES ? this.nodeCap : kind === K_EDGES ? this.edgeCap : this.list.length;
    let nodeType = this.nodeType;
    let nodeName = this.nodeName;
    let nodeId = this.nodeId;
    let nodeSelfSize = this.nodeSelfSize;
    let firstEdge = this.firstEdge;
    let nodeDetachedness = this.nodeDetachedness;
    let nodeTraceId = this.nodeTraceId;
    let edgeType = this.edgeType;
    let edgeNameOrIndex = this.edgeNameOrIndex;
    let edgeTo = this.edgeTo;
    let list = this.list;
    let edgeSum = this.edgeSum;
    // Imported bindings may compile to getters (CommonJS transpilers); keep them out of the loop.
    const nType = NF_TYPE, nName = NF_NAME, nId = NF_ID, nSelfSize = NF_SELF_SIZE, nEdgeCount = NF_EDGE_COUNT;
    const nDetachedness = NF_DETACHEDNESS, nTraceId = NF_TRACE_ID, eType = EF_TYPE, eName = EF_NAME, eTo = EF_TO;
    // Whole rows at a time (see the fast path below): every V8 writes edges as type, name, to.
    const fastEdges = kind === K_EDGES && ef === 3 && edgeRoles[0] === eType && edgeRoles[1] === eName && edgeRoles[2] === eTo;
    const rowValues = kind === K_NODES ? new Float64Array(nf) : null;

    for (; i < len; i++) {
      // Fast path: at the start of a row, read whole rows with no per-byte state, committing
      // each only once all its numbers and the ',' after it are read and valid. Anything else
      // (a row split by the chunk's end, the last row, a value out of range, a sign, a
      // fraction, a stray byte) leaves `i` at the row's start for the byte-wise state machine
      // below, which either reads it or reports the error with its usual message.
      if ((st === A_VALUE || st === A_FIRST) && (kind === K_INT32 || kind === K_FLOAT) && row < cap) {
        // Flat lists (locations: 4 numbers per closure, megabytes on a big page) the same way.
        const r = fastListValues(buf, i, len, list, row, cap);
        if (r !== 0) {
          const n = Math.floor(r / PACK);
          row += n;
          i += r - n * PACK;
          st = A_VALUE;
          if (i >= len) break;
        }
      }
      if (field === 0 && (st === A_VALUE || st === A_FIRST) && (fastEdges || rowValues !== null)) {
        if (fastEdges) {
          const r = fastEdgeRows(buf, i, len, row, cap, edgeType, edgeNameOrIndex, edgeTo, nf, edgeTypeCount, knownNodeCount, lay!.numericEdgeTypes, this.namedMax);
          if (r !== 0) {
            const rows = Math.floor(r / PACK);
            row += rows;
            i += r - rows * PACK;
            st = A_VALUE;
          }
        } else {
          const r = this.fastNodeRows(buf, i, len, row, edgeSum, cap, rowValues!);
          if (r !== 0) {
            const rows = Math.floor(r / PACK);
            row += rows;
            i += r - rows * PACK;
            edgeSum = firstEdge[row];
            st = A_VALUE;
          }
        }
        if (i >= len) break;
      }
      const c = buf[i];
      const d = c - 0x30;
      if (d >= 0 && d <= 9) {
        if (st === A_INT) v = v * 10 + d;
        else if (st === A_FLOAT) this.floatText += String.fromCharCode(c);
        else if (st === A_AFTER) this.fail(`a missing ',' in "${this.section}"`, i);
        else {
          v = d;
          st = A_INT;
        }
        continue;
      }
      let x: number;
      if (st === A_INT) {
        if (c === 0x2e || c === 0x65 || c === 0x45) {
          if (kind !== K_FLOAT) this.fail(`a non-integer number in "${this.section}"${this.where(kind, row)}`, i);
          this.floatText = (negative ? '-' : '') + String(v) + String.fromCharCode(c);
          st = A_FLOAT;
          continue;
        }
        x = negative ? -v : v;
      } else if (st === A_FLOAT) {
        if (c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d) {
          this.floatText += String.fromCharCode(c);
          continue;
        }
        x = Number(this.floatText);
        if (!Number.isFinite(x)) this.fail(`a corrupt number "${this.floatText}" in "${this.section}"`, i);
      } else {
        // Not inside a number: a separator, the end, whitespace, or a sign.
        if (c === 0x2c) {
          if (st !== A_AFTER) this.fail(`a misplaced ',' in "${this.section}"`, i);
          st = A_VALUE;
          continue;
        }
        if (c === 0x5d) {
          if (st === A_VALUE || st === A_MINUS) this.fail(`a misplaced ']' in "${this.section}"`, i);
          i++;
          this.arr = A_AFTER;
          this.row = row;
          this.field = field;
          this.edgeSum = edgeSum;
          this.endNumbers();
          return i;
        }
        if (isSpace(c) && st !== A_MINUS) continue;
        if (c === 0x2d && (st === A_FIRST || st === A_VALUE)) {
          if (!allowNegative) this.fail(`a negative number in "${this.section}"${this.where(kind, row)}`, i);
          negative = true;
          st = A_MINUS;
          continue;
        }
        this.fail(`${describeByte(c)} in "${this.section}"${this.where(kind, row)}`, i);
      }

      // A whole number `x` has been read; the current byte ends it and is handled below.
      negative = false;
      st = A_AFTER;
      if (kind === K_NODES) {
        if (row === cap) {
          if (knownNodeCount >= 0) {
            this.fail(`the nodes array holds more than node_count (${knownNodeCount}) nodes`, i);
          }
          this.growNodes(Math.max(GROW_ROWS, cap * 2));
          cap = this.nodeCap;
          nodeType = this.nodeType;
          nodeName = this.nodeName;
          nodeId = this.nodeId;
          nodeSelfSize = this.nodeSelfSize;
          firstEdge = this.firstEdge;
          nodeDetachedness = this.nodeDetachedness;
          nodeTraceId = this.nodeTraceId;
        }
        switch (nodeRoles[field]) {
          case nType:
            if (x >= nodeTypeCount) this.fail(`node ${row} has type ${x}, but meta lists ${nodeTypeCount} node types`, i);
            nodeType[row] = x;
            break;
          case nName:
            if (x > U32_MAX) this.fail(`node ${row} has name index ${x}, out of range`, i);
            nodeName[row] = x;
            break;
          case nId:
            if (x > U32_MAX) this.fail(`node ${row} has id ${x}, out of range`, i);
            nodeId[row] = x;
            break;
          case nSelfSize:
            nodeSelfSize[row] = x;
            break;
          case nEdgeCount:
            edgeSum += x;
            if (edgeSum > U32_MAX) this.fail(`node ${row}: the edge_count fields add up past 2^32`, i);
            firstEdge[row + 1] = edgeSum;
            break;
          case nDetachedness:
            if (x > 255) this.fail(`node ${row} has detachedness ${x}, out of range`, i);
            nodeDetachedness[row] = x;
            break;
          case nTraceId:
            if (x > U32_MAX) this.fail(`node ${row} has trace_node_id ${x}, out of range`, i);
            nodeTraceId[row] = x;
            break;
        }
        if (++field === nf) {
          field = 0;
          row++;
        }
      } else if (kind === K_EDGES) {
        if (row === cap) {
          if (lay.edgeCount >= 0) this.fail(`the edges array holds more than edge_count (${lay.edgeCount}) edges`, i);
          this.growEdges(Math.max(GROW_ROWS, cap * 2));
          cap = this.edgeCap;
          edgeType = this.edgeType;
          edgeNameOrIndex = this.edgeNameOrIndex;
          edgeTo = this.edgeTo;
        }
        switch (edgeRoles[field]) {
          case eType:
            if (x >= edgeTypeCount) this.fail(`edge ${row} has type ${x}, but meta lists ${edgeTypeCount} edge types`, i);
            edgeType[row] = x;
            break;
          case eName:
            if (x > U32_MAX) this.fail(`edge ${row} has name_or_index ${x}, out of range`, i);
            edgeNameOrIndex[row] = x;
            break;
          case eTo: {
            const to = x / nf;
            if (to !== Math.floor(to)) {
              this.fail(`edge ${row} has to_node ${x}, not a multiple of the ${nf} node fields`, i);
            }
            // Without node_count the bound is checked once all nodes are known.
            if (knownNodeCount >= 0 && to >= knownNodeCount) {
              this.fail(`edge ${row} has to_node ${x}, past the end of the ${knownNodeCount} nodes`, i);
            }
            edgeTo[row] = to;
            break;
          }
        }
        if (++field === ef) {
          // The largest string index a named edge uses: checked against the strings at the end.
          if (edgeNameOrIndex[row] > this.namedMax[0] && lay!.numericEdgeTypes[edgeType[row]] === 0) this.namedMax[0] = edgeNameOrIndex[row];
          field = 0;
          row++;
        }
      } else {
        if (kind === K_INT32 && (x < I32_MIN || x > I32_MAX)) {
          this.fail(`value ${x} in "${this.section}" is not a 32-bit integer`, i);
        }
        if (row === cap) {
          const bigger = new Float64Array(cap * 2);
          bigger.set(list);
          this.list = list = bigger;
          cap = bigger.length;
        }
        list[row++] = x;
      }

      // The byte that ended the number.
      if (c === 0x2c) st = A_VALUE;
      else if (c === 0x5d) {
        i++;
        this.arr = A_AFTER;
        this.row = row;
        this.field = field;
        this.edgeSum = edgeSum;
        this.endNumbers();
        return i;
      } else if (!isSpace(c)) this.fail(`${describeByte(c)} in "${this.section}"${this.where(kind, row)}`, i);
    }
    this.arr = st;
    this.acc = v;
    this.negative = negative;
    this.row = row;
    this.field = field;
    this.edgeSum = edgeSum;
    return i;
  }

  /**
   * Node rows from `start` into rows `row`…, as fastEdgeRows reads edge rows (same result
   * packing); `edgeSum` is the edge count so far. Its own function, so that the hot loop
   * compiles small and stays compiled, instead of recompiling all of scanNumbers as
   * sections change.
   */
  private fastNodeRows(buf: Buffer, start: number, len: number, row: number, edgeSum: number, cap: number, values: Float64Array): number {
    const lay = this.layout!;
    const nf = lay.nodeFieldCount;
    const edgeCountField = lay.nodeRoles.indexOf(NF_EDGE_COUNT);
    const start0 = start;
    const row0 = row;
    let p = start;
    const lim = fastLimit(start, len);
    const roles = lay.nodeRoles;
    // Every V8 starts rows with type, name, id, self_size, edge_count: stored directly.
    const standard =
      nf >= 5 && roles[0] === NF_TYPE && roles[1] === NF_NAME && roles[2] === NF_ID && roles[3] === NF_SELF_SIZE && roles[4] === NF_EDGE_COUNT;
    if (standard) {
      const typeCount = lay.nodeTypeCount;
      const nodeType = this.nodeType;
      const nodeName = this.nodeName;
      const nodeId = this.nodeId;
      const nodeSelfSize = this.nodeSelfSize;
      const firstEdge = this.firstEdge;
      // Today's V8 adds only detachedness: stored here too, without a call per row.
      const detachedOnly = nf === 6 && roles[5] === NF_DETACHEDNESS;
      const nodeDetachedness = this.nodeDetachedness;
      while (row < cap && p < lim) {
        p = readRow(buf, p, values, nf);
        if (p < 0) break;
        const t = values[0];
        const nm = values[1];
        const id = values[2];
        const next = edgeSum + values[4];
        if (t >= typeCount || nm > U32_MAX || id > U32_MAX || next > U32_MAX) break;
        if (detachedOnly) {
          if (values[5] > 255) break;
          nodeDetachedness[row] = values[5];
        } else if (nf > 5 && !this.commitExtraNodeFields(values, row)) break;
        nodeType[row] = t;
        nodeName[row] = nm;
        nodeId[row] = id;
        nodeSelfSize[row] = values[3];
        firstEdge[row + 1] = next;
        edgeSum = next;
        row++;
        start = p;
      }
      return (row - row0) * PACK + (start - start0);
    }
    while (row < cap && p < lim) {
      p = readRow(buf, p, values, nf);
      if (p < 0 || !this.commitNodeRow(values, row, edgeSum)) break;
      edgeSum += values[edgeCountField];
      row++;
      start = p;
    }
    return (row - row0) * PACK + (start - start0);
  }

  /** The optional fields after the standard five (detachedness, trace_node_id), checked and stored; false when out of range. */
  private commitExtraNodeFields(values: Float64Array, row: number): boolean {
    const lay = this.layout!;
    const roles = lay.nodeRoles;
    const nf = lay.nodeFieldCount;
    for (let k = 5; k < nf; k++) {
      const x = values[k];
      const role = roles[k];
      if (role === NF_DETACHEDNESS ? x > 255 : role === NF_TRACE_ID ? x > U32_MAX : false) return false;
    }
    for (let k = 5; k < nf; k++) {
      const role = roles[k];
      if (role === NF_DETACHEDNESS) this.nodeDetachedness[row] = values[k];
      else if (role === NF_TRACE_ID) this.nodeTraceId[row] = values[k];
    }
    return true;
  }

  /**
   * Stores one node row read by the fast path, or returns false, storing nothing that
   * counts, when a value is out of range (the byte-wise path then reports it).
   */
  private commitNodeRow(values: Float64Array, row: number, edgeSum: number): boolean {
    const lay = this.layout!;
    const roles = lay.nodeRoles;
    const nf = lay.nodeFieldCount;
    for (let k = 0; k < nf; k++) {
      const x = values[k];
      switch (roles[k]) {
        case NF_TYPE:
          if (x >= lay.nodeTypeCount) return false;
          break;
        case NF_EDGE_COUNT:
          if (edgeSum + x > U32_MAX) return false;
          break;
        case NF_DETACHEDNESS:
          if (x > 255) return false;
          break;
        case NF_NAME:
        case NF_ID:
        case NF_TRACE_ID:
          if (x > U32_MAX) return false;
          break;
      }
    }
    for (let k = 0; k < nf; k++) {
      const x = values[k];
      switch (roles[k]) {
        case NF_TYPE:
          this.nodeType[row] = x;
          break;
        case NF_NAME:
          this.nodeName[row] = x;
          break;
        case NF_ID:
          this.nodeId[row] = x;
          break;
        case NF_SELF_SIZE:
          this.nodeSelfSize[row] = x;
          break;
        case NF_EDGE_COUNT:
          this.firstEdge[row + 1] = edgeSum + x;
          break;
        case NF_DETACHEDNESS:
          this.nodeDetachedness[row] = x;
          break;
        case NF_TRACE_ID:
          this.nodeTraceId[row] = x;
          break;
      }
    }
    return true;
  }

  /** ", at node 12" — where a bad number sits, for error messages. */
  private where(kind: number, row: number): string {
    if (kind === K_NODES) return ` at node ${row}`;
    if (kind === K_EDGES) return ` at edge ${row}`;
    return '';
  }

  private endNumbers(): void {
    const lay = this.layout!;
    const key = this.section;
    this.top = T_AFTER;
    if (this.kind === K_NODES) {
      const nf = lay.nodeFieldCount;
      if (this.field !== 0) {
        throw new HeapSnapshotError(
          `the nodes array has ${this.row * nf + this.field} numbers, not a multiple of the ${nf} node fields`,
        );
      }
      if (lay.nodeCount >= 0 && this.row !== lay.nodeCount) {
        throw new HeapSnapshotError(`the nodes array holds ${this.row} nodes, but node_count is ${lay.nodeCount}`);
      }
      if (lay.edgeCount >= 0 && this.edgeSum !== lay.edgeCount) {
        throw new HeapSnapshotError(`the nodes' edge_count fields add up to ${this.edgeSum}, but edge_count is ${lay.edgeCount}`);
      }
      this.nodesRead = this.row;
    } else if (this.kind === K_EDGES) {
      const ef = lay.edgeFieldCount;
      if (this.field !== 0) {
        throw new HeapSnapshotError(
          `the edges array has ${this.row * ef + this.field} numbers, not a multiple of the ${ef} edge fields`,
        );
      }
      if (lay.edgeCount >= 0 && this.row !== lay.edgeCount) {
        throw new HeapSnapshotError(`the edges array holds ${this.row} edges, but edge_count is ${lay.edgeCount}`);
      }
      this.edgesRead = this.row;
    } else {
      const values = this.list.subarray(0, this.row);
      // The constructor converts in one native copy; `from` would iterate.
      if (key === 'locations') this.locations = new Int32Array(values);
      else if (key === 'samples') this.samples = values.slice();
      else this.traceFunctionInfos = values.slice();
      this.list = new Float64Array(0);
    }
  }

  // ---- strings ----

  /**
   * Scans string content from `buf[start]` up to and including the closing quote. Sets
   * `strDone`/`strValue` when the string ends in this chunk, else keeps its bytes so that a
   * UTF-8 sequence or an escape split across chunks is decoded whole.
   */
  private scanString(buf: Buffer, start: number): number {
    const len = buf.length;
    let j = start;
    let escaped = this.strEscaped;
    if (this.strSkipNext) {
      this.strSkipNext = false;
      j++;
    }
    let high = 0;
    while (j < len) {
      const c = buf[j];
      if (c === 0x22) break;
      high |= c;
      if (c === 0x5c) {
        escaped = true;
        j += 2;
      } else j++;
    }
    if (j >= len) {
      this.strSkipNext = j > len;
      this.strEscaped = escaped;
      this.keep(buf, start, len);
      this.strDone = false;
      return len;
    }
    let text: string;
    // Most names are ASCII: copied as Latin-1 they need no UTF-8 decoding, and the
    // *Slice methods skip toString's argument handling (a third of the time on 300 k strings).
    if (this.pendingLen === 0) text = high < 0x80 ? (buf as FastSlices).latin1Slice(start, j) : (buf as FastSlices).utf8Slice(start, j);
    else {
      this.keep(buf, start, j);
      text = this.pending.toString('utf8', 0, this.pendingLen);
      this.pendingLen = 0;
    }
    this.strValue = escaped ? this.unescape(text, j) : text;
    this.strEscaped = false;
    this.strDone = true;
    return j + 1;
  }

  private keep(buf: Buffer, from: number, to: number): void {
    const need = this.pendingLen + (to - from);
    if (need > this.pending.length) {
      const bigger = Buffer.alloc(Math.max(need, this.pending.length * 2));
      this.pending.copy(bigger, 0, 0, this.pendingLen);
      this.pending = bigger;
    }
    buf.copy(this.pending, this.pendingLen, from, to);
    this.pendingLen = need;
  }

  /** JSON escapes (incl. \u surrogate pairs) are rare in snapshots; JSON.parse gets them exactly right. */
  private unescape(text: string, at: number): string {
    try {
      return JSON.parse(`"${text}"`) as string;
    } catch {
      return this.fail(`a corrupt string escape in "${this.section}"`, at);
    }
  }

  // ---- columns ----

  private startColumns(layout: SnapshotLayout): void {
    this.layout = layout;
    this.nodeCap = layout.nodeCount >= 0 ? layout.nodeCount : 0;
    this.edgeCap = layout.edgeCount >= 0 ? layout.edgeCount : 0;
    try {
      this.allocateNodes(this.nodeCap);
      this.allocateEdges(this.edgeCap);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      throw new HeapSnapshotError(
        `cannot allocate ${layout.nodeCount} nodes and ${layout.edgeCount} edges (node_count/edge_count too large?)`,
      );
    }
  }

  private allocateNodes(n: number): void {
    const lay = this.layout!;
    // Shared only when sized once by the header: growth copies into plain buffers.
    const Buf = this.sharedColumns && lay.nodeCount >= 0 ? SharedArrayBuffer : ArrayBuffer;
    this.nodeType = new Uint8Array(new Buf(n));
    this.nodeName = new Uint32Array(new Buf(4 * n));
    this.nodeId = new Uint32Array(new Buf(4 * n));
    this.nodeSelfSize = new Float64Array(new Buf(8 * n));
    this.firstEdge = new Uint32Array(new Buf(4 * (n + 1)));
    this.nodeDetachedness = new Uint8Array(new Buf(lay.hasDetachedness ? n : 0));
    this.nodeTraceId = new Uint32Array(new Buf(lay.hasTraceId ? 4 * n : 0));
    this.nodeCap = n;
  }

  private allocateEdges(n: number): void {
    const Buf = this.sharedColumns && this.layout!.edgeCount >= 0 ? SharedArrayBuffer : ArrayBuffer;
    this.edgeType = new Uint8Array(new Buf(n));
    this.edgeNameOrIndex = new Uint32Array(new Buf(4 * n));
    this.edgeTo = new Uint32Array(new Buf(4 * n));
    this.edgeCap = n;
  }

  private growNodes(n: number): void {
    const old = {
      t: this.nodeType, nm: this.nodeName, id: this.nodeId, s: this.nodeSelfSize,
      fe: this.firstEdge, d: this.nodeDetachedness, tr: this.nodeTraceId,
    };
    this.allocateNodes(n);
    this.nodeType.set(old.t);
    this.nodeName.set(old.nm);
    this.nodeId.set(old.id);
    this.nodeSelfSize.set(old.s);
    this.firstEdge.set(old.fe);
    this.nodeDetachedness.set(old.d);
    this.nodeTraceId.set(old.tr);
  }

  private growEdges(n: number): void {
    const t = this.edgeType;
    const nm = this.edgeNameOrIndex;
    const to = this.edgeTo;
    this.allocateEdges(n);
    this.edgeType.set(t);
    this.edgeNameOrIndex.set(nm);
    this.edgeTo.set(to);
  }

  // ---- the end ----

  private finish(): HeapSnapshot {
    if (this.top !== T_DONE) throw new HeapSnapshotError(this.truncation());
    const lay = this.layout;
    if (!lay) {
      const keys = [...this.seen].slice(0, 5).map((k) => `"${k}"`).join(', ');
      throw new HeapSnapshotError(`not a V8 heap snapshot: no "snapshot" section${keys ? ` (sections: ${keys})` : ''}`);
    }
    for (const key of ['nodes', 'edges', 'strings']) {
      if (!this.seen.has(key)) throw new HeapSnapshotError(`not a V8 heap snapshot: no "${key}" section`);
    }
    const nodeCount = this.nodesRead;
    const edgeCount = this.edgesRead;
    if (edgeCount !== this.edgeSum) {
      throw new HeapSnapshotError(`the nodes' edge_count fields add up to ${this.edgeSum}, but there are ${edgeCount} edges`);
    }
    if (nodeCount === 0) throw new HeapSnapshotError('the snapshot has no nodes');
    const trim = lay.nodeCount < 0 || lay.edgeCount < 0;
    if (lay.nodeCount < 0) this.shrinkNodes(nodeCount);
    if (lay.edgeCount < 0) this.shrinkEdges(edgeCount);
    this.checkReferences(nodeCount, edgeCount, lay, trim);
    const rootIndex = lay.rootOffset / lay.nodeFieldCount;
    if (rootIndex >= nodeCount) {
      throw new HeapSnapshotError(`snapshot.root_index ${lay.rootOffset} is past the end of the ${nodeCount} nodes`);
    }
    const data: HeapSnapshotData = {
      meta: lay.meta,
      nodeCount,
      edgeCount,
      nodeType: this.nodeType,
      nodeName: this.nodeName,
      nodeId: this.nodeId,
      nodeSelfSize: this.nodeSelfSize,
      firstEdge: this.firstEdge,
      nodeDetachedness: lay.hasDetachedness ? this.nodeDetachedness : new Uint8Array(nodeCount),
      nodeTraceId: lay.hasTraceId ? this.nodeTraceId : null,
      edgeType: this.edgeType,
      edgeNameOrIndex: this.edgeNameOrIndex,
      edgeTo: this.edgeTo,
      strings: this.stringsReader.table(),
      rootIndex,
      locations: this.locations,
      traceFunctionInfos: this.traceFunctionInfos,
      samples: this.samples,
      traceTree: this.traceTree,
    };
    return new HeapSnapshot(data);
  }

  /** Name indices must point into `strings`; edge targets too when node_count was unknown. */
  private checkReferences(nodeCount: number, edgeCount: number, lay: SnapshotLayout, checkTargets: boolean): void {
    const stringCount = this.stringsReader.count;
    const names = this.nodeName;
    for (let n = 0; n < nodeCount; n++) {
      if (names[n] >= stringCount) {
        throw new HeapSnapshotError(
          `node ${n} (id ${this.nodeId[n]}) has name index ${names[n]}, past the ${stringCount} strings`,
        );
      }
    }
    // The edge loop only names the culprit: the parse kept the largest named index.
    if (!checkTargets && this.namedMax[0] < stringCount) return;
    const numeric = lay.numericEdgeTypes;
    const types = this.edgeType;
    const edgeNames = this.edgeNameOrIndex;
    const to = this.edgeTo;
    for (let e = 0; e < edgeCount; e++) {
      if (numeric[types[e]] === 0 && edgeNames[e] >= stringCount) {
        throw new HeapSnapshotError(`edge ${e} has name index ${edgeNames[e]}, past the ${stringCount} strings`);
      }
      if (checkTargets && to[e] >= nodeCount) {
        throw new HeapSnapshotError(
          `edge ${e} has to_node ${to[e] * lay.nodeFieldCount}, past the end of the ${nodeCount} nodes`,
        );
      }
    }
  }

  private shrinkNodes(n: number): void {
    this.nodeType = this.nodeType.slice(0, n);
    this.nodeName = this.nodeName.slice(0, n);
    this.nodeId = this.nodeId.slice(0, n);
    this.nodeSelfSize = this.nodeSelfSize.slice(0, n);
    this.firstEdge = this.firstEdge.slice(0, n + 1);
    this.nodeDetachedness = this.nodeDetachedness.slice(0, n);
    this.nodeTraceId = this.nodeTraceId.slice(0, n);
  }

  private shrinkEdges(n: number): void {
    this.edgeType = this.edgeType.slice(0, n);
    this.edgeNameOrIndex = this.edgeNameOrIndex.slice(0, n);
    this.edgeTo = this.edgeTo.slice(0, n);
  }

  /** What a reader needs to know about input that stopped early. */
  private truncation(): string {
    if (this.top === T_BEGIN) return this.offset === 0 ? 'empty input' : 'empty input (only whitespace)';
    const at = `after ${this.offset} bytes`;
    if (this.top === T_SECTION) {
      const lay = this.layout;
      if (this.kind === K_NODES) {
        return `truncated: ${this.row} of ${lay && lay.nodeCount >= 0 ? lay.nodeCount : '?'} nodes (${at})`;
      }
      if (this.kind === K_EDGES) {
        return `truncated: ${this.row} of ${lay && lay.edgeCount >= 0 ? lay.edgeCount : '?'} edges (${at})`;
      }
      if (this.kind === K_STRINGS) return `truncated: in "strings" after ${this.stringsReader.count} strings (${at})`;
      return `truncated: inside "${this.section}" (${at})`;
    }
    const missing = ['snapshot', 'nodes', 'edges', 'strings'].filter((k) => !this.seen.has(k));
    const where = this.section ? ` after "${this.section}"` : '';
    return `truncated: ends${where} (${at})${missing.length ? `; missing ${missing.map((k) => `"${k}"`).join(', ')}` : ''}`;
  }

  // ---- errors ----

  private notAnObject(c: number, i: number): never {
    const kind = c === 0x5b ? 'an array' : c === 0x22 ? 'a string' : c === 0x2d || (c >= 0x30 && c <= 0x39) ? 'a number'
      : c === 0x74 || c === 0x66 || c === 0x6e ? 'a literal' : '';
    if (kind) throw new HeapSnapshotError(`not a V8 heap snapshot: the JSON value is ${kind}, not an object`);
    throw new HeapSnapshotError(`not JSON: starts with ${describeByte(c)} at byte ${this.offset + i}`);
  }

  private unexpected(c: number, i: number, expected: string): never {
    throw new HeapSnapshotError(`not JSON: ${describeByte(c)} at byte ${this.offset + i} where ${expected} was expected`);
  }

  private fail(what: string, i: number): never {
    throw new HeapSnapshotError(`corrupt snapshot: ${what} at byte ${this.offset + i}`);
  }

  private remember(e: unknown): unknown {
    if (!(e instanceof HeapSnapshotError)) return e;
    this.failure = this.wrap(e);
    return this.failure;
  }

  private wrap(e: HeapSnapshotError): HeapSnapshotError {
    return this.source ? e.withSource(this.source) : e;
  }

  private toBytes(chunk: string | Uint8Array): Buffer {
    if (typeof chunk === 'string') {
      if (this.carry) {
        chunk = this.carry + chunk;
        this.carry = '';
      }
      const last = chunk.charCodeAt(chunk.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.carry = chunk.slice(-1);
        chunk = chunk.slice(0, -1);
      }
      return Buffer.from(chunk, 'utf8');
    }
    if (this.carry) {
      // A lone high surrogate followed by bytes: encode it as UTF-8 does (U+FFFD).
      const lead = Buffer.from(this.carry, 'utf8');
      this.carry = '';
      this.feed(lead);
      this.offset += lead.length;
    }
    return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/** Parses a whole snapshot held in memory (tests, small files). */
export function parseHeapSnapshot(input: string | Uint8Array, opts: HeapSnapshotParserOptions = {}): HeapSnapshot {
  const p = new HeapSnapshotParser(opts);
  p.write(input);
  return p.end();
}
