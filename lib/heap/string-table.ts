// The snapshot's "strings" section, kept as the file's bytes and decoded one string at a
// time on first use. Most strings are the text of string objects and the names of
// WeakMap/element-like edges, which class statistics, dominators and most queries never
// read: decoding them all up front cost a third of the parse time (300 k short-lived JS
// strings for the garbage collector to copy) and held ~2× their bytes in memory.

import { Buffer } from 'node:buffer';
import { HeapSnapshotError } from './errors.js';
import { describeByte, isSpace } from './json-value-scanner.js';

type FastSlices = Buffer & { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string };

/** The string table of a snapshot: `get(i)` decodes string i once and keeps it. */
export class StringTable {
  readonly length: number;
  /**
   * Raw (still JSON-escaped) section bytes; string i starts at bytes[starts[i]] and ends
   * at the next '"' that no backslash escapes (escapes were checked while parsing).
   */
  readonly #bytes: Buffer | null;
  readonly #starts: Uint32Array | null;
  readonly #cache: (string | undefined)[];
  #complete: boolean;

  private constructor(length: number, bytes: Buffer | null, starts: Uint32Array | null, cache: (string | undefined)[]) {
    this.length = length;
    this.#bytes = bytes;
    this.#starts = starts;
    this.#cache = cache;
    this.#complete = bytes === null;
  }

  /** A table over strings that are already decoded (tests, snapshots built in memory). */
  static fromArray(strings: string[]): StringTable {
    return new StringTable(strings.length, null, null, strings);
  }

  /** From a section reader's output. */
  static fromBytes(length: number, bytes: Buffer, starts: Uint32Array): StringTable {
    return new StringTable(length, bytes, starts, new Array<string | undefined>(length));
  }

  /** String i, or undefined when i is past the end. */
  get(i: number): string | undefined {
    const hit = this.#cache[i];
    if (hit !== undefined || this.#complete || i >= this.length || !(i >= 0)) return hit;
    const bytes = this.#bytes as FastSlices;
    const start = this.#starts![i];
    let end = start;
    let high = 0;
    let escaped = false;
    for (let c = bytes[end]; c !== 0x22; c = bytes[end]) {
      high |= c;
      if (c === 0x5c) {
        escaped = true;
        end += 2;
      } else end++;
    }
    // Most names are ASCII: copied as Latin-1 they need no UTF-8 decoding, and the *Slice
    // methods skip toString's argument handling. Escapes (rare) are JSON.parse's to decode.
    const raw = high < 0x80 ? bytes.latin1Slice(start, end) : bytes.utf8Slice(start, end);
    const text = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    this.#cache[i] = text;
    return text;
  }

  /**
   * Whether string i's text ends with `suffix` (ASCII, no characters JSON escapes) followed
   * by at least one digit and then `close`, without decoding it. A filter for scans that
   * look for one name shape among hundreds of thousands of strings.
   */
  endsWithNumbered(i: number, suffix: Uint8Array, close: number): boolean {
    const decoded = this.#cache[i];
    if (this.#bytes === null || decoded !== undefined || !(i < this.length)) {
      // Decoded strings (escaped ones among them) are checked as text.
      const text = decoded ?? '';
      let k = text.length - 1;
      if (k < 0 || text.charCodeAt(k) !== close) return false;
      const last = --k;
      while (k >= 0 && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k--;
      if (k === last) return false;
      for (let j = suffix.length - 1; j >= 0; j--, k--) if (k < 0 || text.charCodeAt(k) !== suffix[j]) return false;
      return true;
    }
    const bytes = this.#bytes;
    const start = this.#starts![i];
    let k = start;
    for (let c = bytes[k]; c !== 0x22; c = bytes[k]) {
      // Escapes change the text: decode it and answer from that.
      if (c === 0x5c) return this.get(i) !== undefined && this.endsWithNumbered(i, suffix, close);
      k++;
    }
    k--;
    if (k < start || bytes[k] !== close) return false;
    const last = --k;
    while (k >= start && bytes[k] >= 0x30 && bytes[k] <= 0x39) k--;
    if (k === last) return false;
    for (let j = suffix.length - 1; j >= 0; j--, k--) if (k < start || bytes[k] !== suffix[j]) return false;
    return true;
  }

  /** Whether string i's text ends with `suffix` (ASCII, no characters JSON escapes), without decoding it. */
  endsWith(i: number, suffix: Uint8Array): boolean {
    const decoded = this.#cache[i];
    if (this.#bytes === null || decoded !== undefined || !(i < this.length)) {
      const text = decoded ?? '';
      if (text.length < suffix.length) return false;
      for (let j = suffix.length - 1, k = text.length - 1; j >= 0; j--, k--) if (text.charCodeAt(k) !== suffix[j]) return false;
      return true;
    }
    const bytes = this.#bytes;
    const start = this.#starts![i];
    let k = start;
    for (let c = bytes[k]; c !== 0x22; c = bytes[k]) {
      if (c === 0x5c) return this.get(i) !== undefined && this.endsWith(i, suffix);
      k++;
    }
    if (k - start < suffix.length) return false;
    for (let j = suffix.length - 1; j >= 0; j--) if (bytes[--k] !== suffix[j]) return false;
    return true;
  }

  /**
   * Whether string i's text starts with at least one digit and then `after` (ASCII, no
   * characters JSON escapes), without decoding it; most strings fail at their first byte.
   */
  startsWithNumbered(i: number, after: Uint8Array): boolean {
    const decoded = this.#cache[i];
    if (this.#bytes === null || decoded !== undefined || !(i < this.length)) {
      const text = decoded ?? '';
      let k = 0;
      while (k < text.length && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
      if (k === 0 || text.length - k < after.length) return false;
      for (let j = 0; j < after.length; j++, k++) if (text.charCodeAt(k) !== after[j]) return false;
      return true;
    }
    const bytes = this.#bytes;
    const start = this.#starts![i];
    let k = start;
    while (bytes[k] >= 0x30 && bytes[k] <= 0x39) k++;
    if (k === start) return bytes[k] === 0x5c && this.get(i) !== undefined && this.startsWithNumbered(i, after);
    for (let j = 0; j < after.length; j++, k++) {
      const c = bytes[k];
      if (c === after[j]) continue;
      // An escape may decode to the expected character; the closing quote ends the string.
      return c === 0x5c && this.get(i) !== undefined && this.startsWithNumbered(i, after);
    }
    return true;
  }

  /**
   * Whether string i's text starts with `prefix` (ASCII, no characters JSON escapes), or
   * with `exact` is exactly it, without decoding it.
   */
  startsWith(i: number, prefix: Uint8Array, exact = false): boolean {
    const decoded = this.#cache[i];
    if (this.#bytes === null || decoded !== undefined || !(i < this.length)) {
      const text = decoded ?? '';
      if (exact ? text.length !== prefix.length : text.length < prefix.length) return false;
      for (let j = 0; j < prefix.length; j++) if (text.charCodeAt(j) !== prefix[j]) return false;
      return true;
    }
    const bytes = this.#bytes;
    let k = this.#starts![i];
    for (let j = 0; j < prefix.length; j++, k++) {
      const c = bytes[k];
      if (c !== prefix[j]) return c === 0x5c && this.get(i) !== undefined && this.startsWith(i, prefix, exact);
    }
    if (!exact || bytes[k] === 0x22) return true;
    return bytes[k] === 0x5c && this.get(i) !== undefined && this.startsWith(i, prefix, exact);
  }

  /** Every string, decoded (for callers that index the whole table). */
  all(): string[] {
    if (!this.#complete) {
      for (let i = 0; i < this.length; i++) this.get(i);
      this.#complete = true;
    }
    return this.#cache as string[];
  }
}

/** In a string (its bytes so far are kept); otherwise between elements. */
const IN_STRING = 1;
const FIRST = 0; // after '[': a string or ']'
const WINDOW = 1 << 14;
const VALUE = 2; // after ',': a string
const AFTER = 3; // after a string: ',' or ']'

/**
 * Reads the "strings" array's elements from the chunks the parser hands over, copying the
 * section's bytes and noting where each string starts and ends. Strings with escapes are
 * rare; they are checked at once (a corrupt one fails the parse) and decoded on first use.
 */
export class StringSectionReader {
  count = 0;
  done = false;
  #used = 0;
  #bytes: Buffer;
  #starts: Uint32Array;
  #state = FIRST;
  #escaped = false;
  #skipNext = false;
  #start = 0;

  /**
   * `sizeHint`: how many bytes the section can take at most (the rest of the file), when
   * known. Sized from it, the store is allocated once instead of doubling, which would leave
   * all the smaller copies to the garbage collector. Not zero-filled: pages past what is
   * written are never touched, so an overestimate costs address space, not memory.
   */
  constructor(sizeHint = 0) {
    this.#bytes = Buffer.allocUnsafe(Math.max(1 << 16, sizeHint + 1));
    // Strings average well over 16 bytes in real snapshots (names, source text).
    this.#starts = new Uint32Array(Math.max(1024, Math.ceil(sizeHint / 16)));
  }

  /**
   * Scans `buf` from `start`; returns the position after the closing ']' (then `done`) or
   * the chunk's length. `offset` is the chunk's position in the file, for error messages.
   */
  readStrings(buf: Buffer, start: number, offset: number): number {
    // The rest of the chunk goes to the store whole; positions map as base + (i - start).
    const base = this.#used - start;
    this.#append(buf, start, buf.length);
    // In windows of WINDOW bytes: the first calls run every line of `readWindow`, code after
    // its loop included, before V8 optimises it, so the optimised code has the feedback it
    // needs. One call over a whole chunk would be optimised mid-loop (OSR) and deoptimised
    // on leaving it, once per chunk.
    let i = start;
    while (i < buf.length && !this.done) i = this.#readWindow(buf, i, Math.min(buf.length, i + WINDOW), base, offset);
    return i;
  }

  #readWindow(buf: Buffer, start: number, len: number, base: number, offset: number): number {
    let st = this.#state;
    let i = start;
    let count = this.count;
    let starts = this.#starts;
    let strStart = this.#start;
    while (i < len) {
      if (st === IN_STRING) {
        let j = i;
        if (this.#skipNext) {
          this.#skipNext = false;
          j++;
        }
        let escaped = this.#escaped;
        while (j < len) {
          const c = buf[j];
          if (c === 0x22) break;
          if (c === 0x5c) {
            escaped = true;
            j += 2;
          } else j++;
        }
        if (j >= len) {
          this.#skipNext = j > len;
          this.#escaped = escaped;
          i = len;
          break;
        }
        if (count === starts.length) {
          starts = new Uint32Array(count * 2);
          starts.set(this.#starts);
          this.#starts = starts;
        }
        starts[count] = strStart;
        if (escaped) {
          this.#checkEscapes(strStart, base + j, offset + j);
          this.#escaped = false;
        }
        count++;
        i = j + 1;
        // V8 writes `","` between strings: the next one starts right away. (Never a read
        // past the chunk: V8 deoptimises code that reads out of bounds.)
        if (i + 1 < len && buf[i] === 0x2c && buf[i + 1] === 0x22) {
          strStart = base + i + 2;
          i += 2;
        } else st = AFTER;
        continue;
      }
      const c = buf[i];
      if (c === 0x22 && st !== AFTER) {
        st = IN_STRING;
        strStart = base + i + 1;
      } else if (c === 0x2c && st === AFTER) st = VALUE;
      else if (c === 0x5d && st !== VALUE) {
        this.done = true;
        this.count = count;
        // Bytes after the section were copied too; they are past every string's end.
        this.#used = base + i + 1;
        this.#state = AFTER;
        this.#start = strStart;
        return i + 1;
      } else if (!isSpace(c)) {
        throw new HeapSnapshotError(`corrupt snapshot: ${describeByte(c)} in "strings" after ${count} strings at byte ${offset + i}`);
      }
      i++;
    }
    this.count = count;
    this.#state = st;
    this.#start = strStart;
    return i;
  }

  table(): StringTable {
    const n = this.count;
    return StringTable.fromBytes(n, this.#bytes.subarray(0, this.#used), this.#starts.subarray(0, n));
  }

  /**
   * A string with escapes is checked now, as JSON.parse would (escapes, no raw control
   * characters), so that a corrupt one fails the parse; it is decoded on first use.
   */
  #checkEscapes(from: number, to: number, at: number): void {
    const b = this.#bytes;
    for (let k = from; k < to; k++) {
      const c = b[k];
      let ok = c >= 0x20;
      if (c === 0x5c) {
        const x = b[++k];
        if (x === 0x75) {
          for (let h = 0; h < 4 && ok; h++) ok = isHex(b[++k]);
        } else {
          ok = x === 0x22 || x === 0x5c || x === 0x2f || x === 0x62 || x === 0x66 || x === 0x6e || x === 0x72 || x === 0x74;
        }
      }
      if (!ok) throw new HeapSnapshotError(`corrupt snapshot: a corrupt string escape in "strings" at byte ${at}`);
    }
  }

  #append(buf: Buffer, from: number, to: number): void {
    const need = this.#used + (to - from);
    if (need > this.#bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.#bytes.length * 2));
      this.#bytes.copy(bigger, 0, 0, this.#used);
      this.#bytes = bigger;
    }
    buf.copy(this.#bytes, this.#used, from, to);
    this.#used = need;
  }
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
