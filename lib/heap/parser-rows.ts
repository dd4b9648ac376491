// The parser's fast paths: whole rows of the node and edge arrays, and values of flat lists,
// read from a chunk in small functions that V8 compiles once and keeps compiled, with no
// per-byte state. Each returns how far it got; whatever it cannot read whole is left to the
// byte-wise state machine in parser.ts, which reads it or reports the error.
import type { Buffer } from 'node:buffer';

const U32_MAX = 0xffffffff;
const I32_MAX = 0x7fffffff;

/**
 * The fast path reads whole rows only when this many bytes remain in the chunk: rows are far
 * shorter, so reads stay inside it (an out-of-bounds read would deoptimise the loop) unless
 * a corrupt number runs on, which then reads `undefined` and stops like any other byte.
 */
export const ROW_SPAN = 160;
/**
 * The fast paths return how many rows they read and how many bytes those took, packed in
 * one number, after the loop: a number that big kept up to date inside the loop cost a heap
 * allocation per row (50 MB of garbage on a 3.7 M-edge snapshot, 15% of the edge time).
 * V8 then deoptimises the code it compiled mid-loop on leaving the loop, once per call;
 * measured, that costs less than warming the functions up with short first calls.
 * One call reads at most FAST_WINDOW bytes, so both parts fit: rows < 2^24 (a row is ≥ 6
 * bytes), bytes < 2^26.
 */
export const FAST_WINDOW = 1 << 24;

/** Where a fast path's call must stop reading. */
export function fastLimit(start: number, len: number): number {
  return Math.min(len - ROW_SPAN, start + FAST_WINDOW);
}
export const PACK = 2 ** 26;

const isBlank = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Edge rows (type, name_or_index, to_node) from `start` into rows `row`…, each committed only
 * once its three numbers and the ',' after it are read and valid. Returns rows read × PACK +
 * bytes consumed (through the last row's ','). A row it cannot take whole (split by the
 * chunk's end, the last row, a sign, a fraction, a value out of range) is left to the
 * byte-wise state machine, which reads it or reports the error in its usual words.
 */
export function fastEdgeRows(
  buf: Buffer, start: number, len: number, row: number, cap: number,
  edgeType: Uint8Array, edgeName: Uint32Array, edgeTo: Uint32Array,
  nf: number, edgeTypeCount: number, knownNodeCount: number,
  numeric: Uint8Array, namedMax: Float64Array,
): number {
  const start0 = start;
  const row0 = row;
  // The largest name index of a named edge, kept in `namedMax` as it grows (rarely, once
  // warm), so that nothing needs storing after the loop (see PACK).
  let max = namedMax[0];
  let p = start;
  const lim = fastLimit(start, len);
  while (row < cap && p < lim) {
    let c = buf[p];
    while (isBlank(c)) c = buf[++p];
    let t = c - 0x30;
    if (!(t >= 0 && t <= 9)) break;
    while ((c = buf[++p]) >= 0x30 && c <= 0x39) t = t * 10 + (c - 0x30);
    if (c !== 0x2c) break;
    c = buf[++p];
    let nm = c - 0x30;
    if (!(nm >= 0 && nm <= 9)) break;
    while ((c = buf[++p]) >= 0x30 && c <= 0x39) nm = nm * 10 + (c - 0x30);
    if (c !== 0x2c) break;
    c = buf[++p];
    let to = c - 0x30;
    if (!(to >= 0 && to <= 9)) break;
    while ((c = buf[++p]) >= 0x30 && c <= 0x39) to = to * 10 + (c - 0x30);
    while (isBlank(c)) c = buf[++p];
    if (c !== 0x2c) break;
    const toNode = to / nf;
    if (t >= edgeTypeCount || nm > U32_MAX || toNode !== Math.floor(toNode)) break;
    if (knownNodeCount >= 0 && toNode >= knownNodeCount) break;
    edgeType[row] = t;
    edgeName[row] = nm;
    edgeTo[row] = toNode;
    if (nm > max && numeric[t] === 0) namedMax[0] = max = nm;
    row++;
    start = ++p;
  }
  return (row - row0) * PACK + (start - start0);
}

/**
 * Non-negative integers of a flat list into `list[row]`…, each followed by ','; as the
 * row fast paths, returns values read × PACK + bytes consumed. Signs, fractions and the
 * last value are left to the byte-wise path.
 */
export function fastListValues(buf: Buffer, start: number, len: number, list: Float64Array, row: number, cap: number): number {
  const start0 = start;
  const row0 = row;
  let p = start;
  const lim = fastLimit(start, len);
  while (row < cap && p < lim) {
    let c = buf[p];
    while (isBlank(c)) c = buf[++p];
    let x = c - 0x30;
    if (!(x >= 0 && x <= 9)) break;
    while ((c = buf[++p]) >= 0x30 && c <= 0x39) x = x * 10 + (c - 0x30);
    while (isBlank(c)) c = buf[++p];
    if (c !== 0x2c || x > I32_MAX) break;
    list[row++] = x;
    start = ++p;
  }
  return (row - row0) * PACK + (start - start0);
}

/** One row of `nf` numbers, each followed by ','; the position after the row, or -1. */
export function readRow(buf: Buffer, p: number, values: Float64Array, nf: number): number {
  let c = buf[p];
  for (let f = 0; f < nf; f++) {
    while (isBlank(c)) c = buf[++p];
    let x = c - 0x30;
    if (!(x >= 0 && x <= 9)) return -1;
    while ((c = buf[++p]) >= 0x30 && c <= 0x39) x = x * 10 + (c - 0x30);
    while (isBlank(c)) c = buf[++p];
    if (c !== 0x2c) return -1;
    values[f] = x;
    c = buf[++p];
  }
  return p;
}

