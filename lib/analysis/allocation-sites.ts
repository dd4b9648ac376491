// Where a leak's objects were allocated: for each leak, the allocation stacks of the
// instances of its headline class that were born while allocation tracking was on (the
// others have trace node id 0), grouped by stack, most instances first. Frames here are
// generated positions; the runner maps them through source maps (lib/runner/allocations.ts).
import { decodeAllocationTraces, type AllocationTraces } from '../heap/allocation-traces.js';
import { className } from '../heap/class-names.js';
import type { HeapSnapshot } from '../heap/snapshot.js';

export interface GeneratedFrame {
  functionName: string;
  /** 0 for builtins. */
  scriptId: number;
  url: string;
  /** 0-based, in the resource's coordinates (document positions for inline scripts); -1 unknown. */
  line: number;
  column: number;
}

export interface GeneratedSite {
  count: number;
  /** Innermost first. */
  frames: GeneratedFrame[];
}

export interface AllocationStackOptions {
  /** Puppeteer's and leakhound's own scripts: their frames are the hunt's, not the page's. */
  hiddenScriptIds?: Iterable<number>;
  /** Stacks kept per class, most instances first. */
  maxSites?: number;
}

/**
 * Allocation stacks per class name, for the given classes. Returns null when the snapshot
 * has no allocation traces (taken without tracking).
 */
export function allocationStacks(
  s: HeapSnapshot,
  classNames: Iterable<string>,
  opts: AllocationStackOptions = {},
): Map<string, GeneratedSite[]> | null {
  const traces = decodeAllocationTraces(s);
  const traceIds = s.nodeTraceId;
  if (!traces || !traceIds) return null;
  const wanted = new Set(classNames);
  const hidden = new Set(opts.hiddenScriptIds ?? []);
  // class → trace node id → instances
  const perClass = new Map<string, Map<number, number>>();
  for (let i = 0; i < s.nodeCount; i++) {
    const t = traceIds[i];
    if (t === 0) continue;
    const name = className(s, i, s.nodeDetachedness);
    if (!wanted.has(name)) continue;
    let m = perClass.get(name);
    if (!m) perClass.set(name, (m = new Map()));
    m.set(t, (m.get(t) ?? 0) + 1);
  }
  const out = new Map<string, GeneratedSite[]>();
  for (const [name, byTrace] of perClass) {
    // Distinct trace nodes can differ only in hidden frames (each `page.evaluate` is a new
    // script), so stacks are keyed after those frames are dropped.
    const byStack = new Map<string, GeneratedSite>();
    for (const [traceId, count] of byTrace) {
      const frames = pageFrames(traces, traces.stack(traceId), hidden);
      if (!frames.length) continue;
      const key = frames.map((f) => `${f.functionName}@${f.scriptId}:${f.line}:${f.column}`).join('<');
      const site = byStack.get(key);
      if (site) site.count += count;
      else byStack.set(key, { count, frames });
    }
    const sites = [...byStack.values()].sort((a, b) => b.count - a.count);
    out.set(name, sites.slice(0, opts.maxSites ?? 5));
  }
  return out;
}

function pageFrames(traces: AllocationTraces, stack: number[], hidden: ReadonlySet<number>): GeneratedFrame[] {
  const out: GeneratedFrame[] = [];
  for (const fi of stack) {
    const f = traces.functions[fi];
    if (hidden.has(f.scriptId)) continue;
    // V8's synthetic frames ((V8 API), (root)) and anonymous builtins say nothing.
    if (f.scriptId === 0 && (!f.name || f.name.startsWith('('))) continue;
    out.push({
      functionName: f.name,
      scriptId: f.scriptId,
      url: f.scriptName,
      line: f.line > 0 ? f.line - 1 : -1,
      column: f.column > 0 ? f.column - 1 : -1,
    });
  }
  return out;
}

/**
 * Where inside a function's source the next frame was entered: `new Callee` for the
 * allocating frame, `callee(` for the others. V8 records only each function's start, so
 * this searches the function's own text from there. Returns an offset into `source`, or -1.
 * A heuristic: a function that calls the same name twice gets the first call.
 */
export function findCallSite(source: string, functionStart: number, callee: string, construct: boolean): number {
  if (!callee || !/^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*$/u.test(callee)) return -1;
  const end = functionEnd(source, functionStart);
  const code = codeOnly(source, functionStart, end);
  const name = callee.replace(/\$/g, '\\$');
  // Bundlers reach imports through a module object (`new mod.Widget(`) and call them as
  // `(0, mod.openWidget)(`, so a qualified name and a parenthesised callee count too.
  const re = construct
    ? new RegExp(`(?<![\\p{L}\\p{Nd}$_])new\\s+(?:[\\p{L}\\p{Nd}$_]+\\s*\\.\\s*)*${name}(?![\\p{L}\\p{Nd}$_])`, 'u')
    : new RegExp(`(?<![\\p{L}\\p{Nd}$_])${name}\\s*\\)?\\s*(?:\\?\\.\\s*)?\\(`, 'u');
  const m = re.exec(code);
  return m ? functionStart + m.index : -1;
}

/** `src[start, end)` with the insides of strings, templates and comments blanked out. */
function codeOnly(src: string, start: number, end: number): string {
  let out = '';
  let i = start;
  while (i < end) {
    const ch = src[i];
    let to = i;
    if (ch === '"' || ch === "'" || ch === '`') to = skipString(src, i);
    else if (ch === '/' && src[i + 1] === '/') to = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    else if (ch === '/' && src[i + 1] === '*') to = src.indexOf('*/', i + 2) < 0 ? src.length : src.indexOf('*/', i + 2) + 2;
    if (to > i) {
      out += ' '.repeat(Math.min(to, end) - i);
      i = to;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/**
 * The end of the function whose parameter list (or single parameter) starts at `start`:
 * past its `{ body }`, or past an arrow's expression body. Skips strings, templates and
 * comments; regular expression literals are not recognised.
 */
export function functionEnd(src: string, start: number): number {
  let depth = 0;
  let sawBody = false;
  let i = start;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(src, i);
      continue;
    }
    if (ch === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
      continue;
    }
    if (ch === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 ? src.length : close + 2;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') {
      if (ch === '{' && depth === 0) sawBody = true;
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth < 0) return i;
      if (depth === 0 && ch === '}' && sawBody) return i + 1;
    } else if (depth === 0 && (ch === ';' || ch === ',') && i > start) {
      // An arrow's expression body ends at the enclosing list or statement.
      return i;
    }
    i++;
  }
  return src.length;
}

function skipString(src: string, at: number): number {
  const quote = src[at];
  let i = at + 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') i += 2;
    else if (ch === quote) return i + 1;
    else if (quote !== '`' && ch === '\n') return i + 1;
    else i++;
  }
  return src.length;
}

/** Offsets of line starts, for turning 0-based line/column into an offset and back. */
export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

export function offsetOf(starts: readonly number[], line: number, column: number): number {
  if (line < 0 || line >= starts.length) return -1;
  return starts[line] + column;
}

export function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: offset - starts[lo] };
}
