// What every verb prints with: colour decided once per run, borderless tables, byte sizes,
// and terminal-safe text. Names in a snapshot come from the page (string contents, DOM
// attributes, property names) and may hold escape sequences or megabytes of text, so every
// snapshot string passes through `safeText` before it reaches a terminal.
import Table from 'cli-table3';
import pc from 'picocolors';
import { useColor } from './env.js';

export type Colors = ReturnType<typeof pc.createColors>;

export interface Output {
  readonly colors: Colors;
  /** Writes one line (a newline is added). */
  line(text?: string): void;
  /** A borderless table; `align` is per column, numbers usually 'right'. */
  table(head: string[], rows: (string | number)[][], align?: ('left' | 'right')[]): void;
  /** The `--json` result: one pretty-printed document. */
  json(value: unknown): void;
}

/** Where text goes: process.stdout, or anything that collects writes (tests). */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface OutputOptions {
  /** `--color` / `--no-color` when given; otherwise decided from the stream and env. */
  color?: boolean;
  stream?: TextSink;
  env?: NodeJS.ProcessEnv;
}

export function createOutput(opts: OutputOptions = {}): Output {
  const stream = opts.stream ?? process.stdout;
  const colors = pc.createColors(useColor(opts.color, stream, opts.env ?? process.env));
  const write = (text: string) => void stream.write(text);
  return {
    colors,
    line: (text = '') => write(text + '\n'),
    table(head, rows, align) {
      const t = new Table({
        head: head.map((h) => colors.bold(h)),
        chars: BORDERLESS,
        style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
        colAligns: align,
      });
      for (const r of rows) t.push(r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)));
      // cli-table3 pads the last column too; trailing spaces only get in the way of diffs.
      write(t.toString().replace(/ +$/gm, '') + '\n');
    },
    json: (value) => write(JSON.stringify(value, null, 2) + '\n'),
  };
}

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
};

/** `1234567` → `1.2 MB`; bytes as DevTools shows them (decimal units). */
export function formatBytes(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(Math.abs(v) < 10 ? 1 : 0)} ${units[u]}`;
}

/** A signed delta: `+3`, `-1`, `0`. */
export function formatDelta(n: number, fmt: (v: number) => string = (v) => v.toLocaleString('en-US')): string {
  return n > 0 ? `+${fmt(n)}` : n < 0 ? `-${fmt(-n)}` : fmt(0);
}

/**
 * Page-controlled text made safe for one terminal line: control characters (ESC, CR, LF,
 * bidi overrides) become visible escapes and long text is cut with an ellipsis.
 */
export function safeText(text: string, max = 80): string {
  let out = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  if (out.length > max) out = out.slice(0, max - 1) + '…';
  return out;
}
