// Walks one JSON value of any shape across chunk boundaries. The heap parser uses it for the
// sections it does not lay out in columns: `snapshot` and `trace_tree` are small and captured
// for JSON.parse; sections it does not know (Chromium's `scopes`, `scope_uses`, …) are
// checked for well-formedness and dropped without keeping their bytes.
import { Buffer } from 'node:buffer';
import { HeapSnapshotError } from './errors.js';

const V_VALUE = 0; // a value must start here
const V_ARR_FIRST = 1; // just after '[': a value or ']'
const V_OBJ_FIRST = 2; // just after '{': a key or '}'
const V_OBJ_KEY = 3; // after ',' in an object: a key
const V_COLON = 4;
const V_AFTER = 5; // after a value inside a container: ',' or the closer
const V_STR = 6;
const V_STR_ESC = 7;
const V_KEY = 8;
const V_KEY_ESC = 9;
const V_NUM = 10;
const V_LIT = 11;

const IN_ARRAY = 1;
const IN_OBJECT = 2;

export class JsonValueScanner {
  /** True once the value's last byte has been consumed. */
  done = false;
  private st = V_VALUE;
  private readonly stack: number[] = [];
  private literal = '';
  private literalPos = 0;
  private numberHasDigit = false;
  private readonly parts: Buffer[] = [];

  /** `label` names the section in error messages; `capture` keeps the bytes for `value()`. */
  constructor(
    private readonly label: string,
    private readonly capture: boolean,
  ) {}

  /**
   * Consumes bytes of the value from `buf[start]` on and returns the index just past the
   * last one consumed: `buf.length` when the value continues in the next chunk.
   * `offset` is the absolute position of `buf[0]`, for error messages.
   */
  scan(buf: Uint8Array, start: number, offset: number): number {
    const len = buf.length;
    const stack = this.stack;
    let st = this.st;
    let i = start;
    let finished = false;
    for (; i < len && !finished; i++) {
      // Chromium's unknown sections (`scopes`, `scope_uses`, …) are megabytes of integers:
      // whole `123,` elements are taken by a small loop instead of byte by byte.
      if ((st === V_VALUE || st === V_ARR_FIRST) && stack.length > 0 && stack[stack.length - 1] === IN_ARRAY) {
        const p = skipIntegers(buf, i, len);
        if (p !== i) {
          st = V_VALUE;
          i = p - 1;
          continue;
        }
      }
      const c = buf[i];
      switch (st) {
        case V_STR:
        case V_KEY:
          if (c === 0x22) {
            if (st === V_KEY) st = V_COLON;
            else if (stack.length === 0) finished = true;
            else st = V_AFTER;
          } else if (c === 0x5c) st = st === V_KEY ? V_KEY_ESC : V_STR_ESC;
          else if (c < 0x20) this.fail('a control character inside a string', offset + i);
          continue;
        case V_STR_ESC:
          st = V_STR;
          continue;
        case V_KEY_ESC:
          st = V_KEY;
          continue;
        case V_NUM:
          if ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d) {
            if (c >= 0x30 && c <= 0x39) this.numberHasDigit = true;
            continue;
          }
          if (!this.numberHasDigit) this.fail('a number without digits', offset + i);
          if (stack.length === 0) {
            // A bare number ends at the first byte that is not part of it; leave that byte.
            this.finish(buf, start, i);
            return i;
          }
          st = V_AFTER;
          break; // fall through to V_AFTER handling of this byte below
        case V_LIT:
          if (c !== this.literal.charCodeAt(this.literalPos)) this.fail(`a bad literal (expected "${this.literal}")`, offset + i);
          if (++this.literalPos === this.literal.length) {
            if (stack.length === 0) finished = true;
            else st = V_AFTER;
          }
          continue;
        case V_COLON:
          if (c === 0x3a) st = V_VALUE;
          else if (!isSpace(c)) this.fail(`${describeByte(c)} where ':' was expected`, offset + i);
          continue;
        case V_OBJ_FIRST:
        case V_OBJ_KEY:
          if (c === 0x22) st = V_KEY;
          else if (c === 0x7d && st === V_OBJ_FIRST) {
            stack.pop();
            if (stack.length === 0) finished = true;
            else st = V_AFTER;
          } else if (!isSpace(c)) this.fail(`${describeByte(c)} where an object key was expected`, offset + i);
          continue;
        case V_ARR_FIRST:
          if (c === 0x5d) {
            stack.pop();
            if (stack.length === 0) finished = true;
            else st = V_AFTER;
            continue;
          }
          st = this.startValue(c, offset + i);
          continue;
        case V_VALUE:
          st = this.startValue(c, offset + i);
          continue;
      }
      // V_AFTER (also reached from V_NUM with the byte that ended the number).
      if (isSpace(c)) continue;
      const top = stack[stack.length - 1];
      if (c === 0x2c) st = top === IN_ARRAY ? V_VALUE : V_OBJ_KEY;
      else if ((c === 0x5d && top === IN_ARRAY) || (c === 0x7d && top === IN_OBJECT)) {
        stack.pop();
        if (stack.length === 0) finished = true;
      } else this.fail(`${describeByte(c)} where ',' or the end of the ${top === IN_ARRAY ? 'array' : 'object'} was expected`, offset + i);
    }
    this.st = st;
    if (finished) this.finish(buf, start, i);
    else if (this.capture) this.parts.push(Buffer.from(buf.subarray(start, i)));
    return i;
  }

  /** The captured value, parsed. */
  value(): unknown {
    const text = Buffer.concat(this.parts).toString('utf8');
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new HeapSnapshotError(`"${this.label}" is not valid JSON: ${(e as Error).message}`);
    }
  }

  /** Returns the state for the value's first byte; V_VALUE again for whitespace. */
  private startValue(c: number, at: number): number {
    if (isSpace(c)) return V_VALUE;
    if (c === 0x7b) {
      this.stack.push(IN_OBJECT);
      return V_OBJ_FIRST;
    }
    if (c === 0x5b) {
      this.stack.push(IN_ARRAY);
      return V_ARR_FIRST;
    }
    if (c === 0x22) return V_STR;
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      this.numberHasDigit = c !== 0x2d;
      return V_NUM;
    }
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      this.literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      this.literalPos = 1;
      return V_LIT;
    }
    return this.fail(`${describeByte(c)} where a value was expected`, at);
  }

  private finish(buf: Uint8Array, start: number, end: number): void {
    this.done = true;
    if (this.capture) this.parts.push(Buffer.from(buf.subarray(start, end)));
  }

  private fail(what: string, at: number): never {
    throw new HeapSnapshotError(`"${this.label}" is corrupt: ${what} at byte ${at}`);
  }
}

/** Past a run of array elements that are each an integer and its ','; `i` when none. */
function skipIntegers(buf: Uint8Array, i: number, len: number): number {
  let p = i;
  for (;;) {
    let q = p;
    if (buf[q] === 0x2d) q++;
    const first = q;
    while (q < len && buf[q] >= 0x30 && buf[q] <= 0x39) q++;
    if (q === first || q >= len || buf[q] !== 0x2c) return p;
    p = q + 1;
  }
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A byte as a reader would want to see it in an error message. */
export function describeByte(c: number): string {
  if (c >= 0x21 && c <= 0x7e) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}
