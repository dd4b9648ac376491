// The report a developer reads in a terminal: per scenario a verdict line, a ranked table
// of leaks, a leak trace for each, the counter curves, what was hidden and why, and the
// time each phase took. Colour is the caller's decision (TTY, NO_COLOR, CI), never ours.
import Table from 'cli-table3';
import pc from 'picocolors';
import type { HuntResult, Leak, ScenarioResult } from '../analysis/result.js';
import { cleanLines, cleanText } from './escape.js';
import {
  activeLeaks,
  classesAlong,
  counterSeries,
  hiddenInternalCount,
  ignoredLeaks,
  objectsPerIteration,
  phaseList,
  totalPhaseMs,
  totals,
  verdictOf,
  type Verdict,
} from './facts.js';
import { formatBytes, formatDuration, formatNumber, formatSigned, formatSignedBytes, plural, sparkline } from './format.js';
import { leakBlock, type Line, type Role } from './trace.js';
import { fixedLines, historyTag, trendLine } from './history-text.js';

export interface TerminalOptions {
  color: boolean;
  /** List the browser-internal classes that were hidden, with their traces. */
  showInternal?: boolean;
  /** Columns available; tables wrap to fit. Without it they take their natural width. */
  width?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

const INDENT = '  ';

export function renderTerminal(result: HuntResult, opts: TerminalOptions): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [header(result, c), ''];
  for (const s of result.scenarios) out.push(...scenarioSection(s, c, opts), '');
  out.push(summaryLine(result, c));
  return `${out.join('\n')}\n`;
}

function header(result: HuntResult, c: Colors): string {
  const browser = result.browser ? cleanText(result.browser.version, 80) : 'no browser';
  return c.bold(`${result.tool.name} ${cleanText(result.tool.version, 40)}`) + c.dim(`  ·  ${browser}  ·  started ${cleanText(result.startedAt, 40)}`);
}

const STATUS: Record<Verdict, { glyph: string; label: string; paint: (c: Colors, s: string) => string }> = {
  clean: { glyph: '✔', label: 'CLEAN', paint: (c, s) => c.green(s) },
  leaks: { glyph: '✖', label: 'LEAKS', paint: (c, s) => c.red(s) },
  failed: { glyph: '!', label: 'FAILED', paint: (c, s) => c.yellow(s) },
};

function scenarioSection(s: ScenarioResult, c: Colors, opts: TerminalOptions): string[] {
  const verdict = verdictOf(s);
  const st = STATUS[verdict];
  const active = activeLeaks(s).length;
  const ignored = ignoredLeaks(s).length;
  let label = st.label;
  if (verdict === 'leaks') label += `: ${plural(active, 'leak')}`;
  if (ignored > 0) label += ` (${formatNumber(ignored)} ignored)`;
  const out = [
    `${st.paint(c, st.glyph)} ${c.bold(cleanText(s.name))}  ${c.cyan(cleanText(s.url))}  ${c.dim(plural(s.iterations, 'iteration'))}  ${st.paint(c, c.bold(label))}`,
    INDENT + c.dim(cleanText(s.file)),
  ];
  if (s.error) {
    const [first, ...rest] = cleanLines(s.error.message);
    out.push(INDENT + c.yellow(`failed at step '${cleanText(s.error.step, 80)}': `) + first);
    for (const line of rest) out.push(INDENT + INDENT + line);
  }
  if (s.leaks.length > 0) {
    out.push(...indent(leakTable(s, c, opts.width)));
    s.leaks.forEach((leak, i) => {
      out.push('');
      const lines = leakBlock(leak, i + 1, s.iterations).map((line) => paintLine(line, c, !!leak.ignored));
      if (opts.showInternal) lines.splice(1, 0, ...ruleLines(leak, c));
      out.push(...indent(lines));
    });
    out.push('');
  }
  out.push(...historyLines(s, c));
  out.push(...counterLines(s, c));
  out.push(...hiddenLines(s, c, opts.showInternal ?? false));
  out.push(INDENT + c.dim('timings  ') + timingText(s));
  return out;
}

function leakTable(s: ScenarioResult, c: Colors, width?: number): string[] {
  const head = ['#', 'leak', 'kind', '+objects/it', 'bytes/it', 'dragged along', 'shared by'].map((h) => c.bold(h));
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: ['right', 'left', 'left', 'right', 'right', 'left', 'right'],
    ...(width ? { colWidths: columnWidths(width), wordWrap: true } : {}),
  });
  s.leaks.forEach((leak, i) => {
    const paint = leak.ignored ? c.dim : (x: string) => x;
    const tag = historyTag(leak);
    const name = cleanText(leak.headline) + (leak.ignored ? ' (ignored)' : '') + (tag ? ` [${tag}]` : '');
    table.push(
      [
        String(i + 1),
        leak.ignored ? name : c.bold(name),
        cleanText(leak.kind, 40),
        formatSigned(objectsPerIteration(leak, s.iterations)),
        formatBytes(leak.bytesPerIteration),
        draggedAlong(leak),
        formatNumber(leak.sharedBy),
      ].map((cell) => paint(cell)),
    );
  });
  return table.toString().split('\n');
}

/**
 * Fixed columns get what their longest expected content needs (headers wrap at spaces);
 * the two columns of page-provided names share what is left, wrapping inside it.
 */
function columnWidths(width: number): number[] {
  const fixed = { rank: 4, kind: 14, objects: 13, bytes: 10, shared: 8 };
  const borders = 8;
  const used = INDENT.length + borders + fixed.rank + fixed.kind + fixed.objects + fixed.bytes + fixed.shared;
  const rest = Math.max(20, width - used);
  const leak = Math.min(rest - 10, Math.max(10, Math.round(rest * 0.6)));
  const along = rest - leak;
  return [fixed.rank, leak, fixed.kind, fixed.objects, fixed.bytes, along, fixed.shared];
}

function draggedAlong(leak: Leak): string {
  const along = classesAlong(leak);
  if (along.length === 0) return '—';
  const shown = along.slice(0, 3).map((x) => cleanText(x, 60));
  return along.length > 3 ? `${shown.join(', ')} +${along.length - 3} more` : shown.join(', ');
}

function paintLine(line: Line, c: Colors, dim: boolean): string {
  const text = line.map((seg) => paintSegment(seg.text, seg.role, c)).join('');
  return dim ? c.dim(text) : text;
}

function paintSegment(text: string, role: Role | undefined, c: Colors): string {
  switch (role) {
    case 'frame':
    case 'meta':
    case 'label':
    case 'note':
      return c.dim(text);
    case 'class':
      return c.bold(text);
    case 'edge':
      return c.cyan(text);
    case 'suspect':
      return c.red(c.underline(text));
    case 'underline':
      return c.red(text);
    case 'leaked':
      return c.yellow(text);
    case 'root':
      return c.magenta(text);
    default:
      return text;
  }
}

function counterLines(s: ScenarioResult, c: Colors): string[] {
  const series = counterSeries(s.counters);
  if (series.length === 0) return [INDENT + c.dim('counters  none recorded')];
  const out = [INDENT + c.dim(`counters over ${plural(s.counters.length, 'sample')} (first → last, change per iteration)`)];
  for (const x of series) {
    const fmt = x.bytes ? formatBytes : formatNumber;
    const rate = x.bytes ? formatSignedBytes(x.perIteration) : formatSigned(x.perIteration);
    const paintRate = x.perIteration > 0 ? c.yellow : c.dim;
    out.push(
      `${INDENT}${INDENT}${x.label.padEnd(10)} ${c.cyan(sparkline(x.values))}  ${fmt(x.first)} → ${fmt(x.last)}  ${paintRate(`${rate}/iteration`)}`,
    );
  }
  return out;
}

function hiddenLines(s: ScenarioResult, c: Colors, showInternal: boolean): string[] {
  const out: string[] = [];
  const internal = hiddenInternalCount(s);
  if (s.hidden.internals.length > 0) {
    const rule = (x: { hiddenBy?: string }) => (showInternal && x.hiddenBy ? c.dim(` [${cleanText(x.hiddenBy, 80)}]`) : '');
    const reasons = s.hidden.internals.map((x) => `${cleanText(x.reason, 80)} ${formatNumber(x.objects)}${rule(x)}`).join(', ');
    out.push(INDENT + c.dim('hidden   ') + `${plural(internal, 'object')} held only by internals: ${reasons}`);
  }
  const browser = s.hidden.browserClasses;
  if (browser.length > 0) {
    const hint = showInternal ? '' : c.dim(' (--show-internal lists them)');
    out.push(INDENT + c.dim('hidden   ') + `${plural(browser.length, 'browser-internal growing class', 'browser-internal growing classes')}${hint}`);
    if (showInternal) {
      browser.forEach((leak, i) => {
        const lines = leakBlock(leak, i + 1, s.iterations).map((line) => paintLine(line, c, true));
        lines.splice(1, 0, ...ruleLines(leak, c));
        out.push(...indent(indent(lines)));
      });
    }
  }
  if (out.length === 0) out.push(INDENT + c.dim('hidden   nothing'));
  return out;
}

/** With --show-internal: the rules (lib/analysis/rules.ts) that hid the row and chose its headline. */
function ruleLines(leak: Leak, c: Colors): string[] {
  const out: string[] = [];
  if (leak.hiddenBy) {
    const why = leak.hiddenReason ? `: ${cleanText(leak.hiddenReason, 200)}` : '';
    out.push(`  ${c.dim('hidden by ')}${cleanText(leak.hiddenBy, 80)}${c.dim(why)}`);
  }
  if (leak.headlineRule) out.push(`  ${c.dim('headline ')}${cleanText(leak.headlineRule, 80)}`);
  return out;
}

function timingText(s: ScenarioResult): string {
  const parts = phaseList(s).map((p) => `${p.phase} ${formatDuration(p.ms)}`);
  parts.push(`total ${formatDuration(totalPhaseMs(s))}`);
  return parts.join(' · ');
}

function summaryLine(result: HuntResult, c: Colors): string {
  const t = totals(result);
  const parts = [
    c.bold(plural(t.scenarios, 'scenario')),
    (t.clean > 0 ? c.green : c.dim)(`${formatNumber(t.clean)} clean`),
    (t.leaking > 0 ? c.red : c.dim)(`${formatNumber(t.leaking)} leaking`),
    (t.failed > 0 ? c.yellow : c.dim)(`${formatNumber(t.failed)} failed`),
    plural(t.leaks, 'leak') + (t.ignored > 0 ? ` (${formatNumber(t.ignored)} ignored)` : ''),
    formatDuration(result.durationMs),
  ];
  return parts.join(c.dim(' · '));
}

/** --history: leaks gone since the scenario's previous run, and its leak count across runs. */
function historyLines(s: ScenarioResult, c: Colors): string[] {
  const out = fixedLines(s).map((l) => INDENT + c.green('fixed    ') + l);
  const trend = trendLine(s.trend);
  if (trend) out.push(INDENT + c.dim('history  ') + trend);
  return out;
}

function indent(lines: string[]): string[] {
  return lines.map((l) => (l === '' ? l : INDENT + l));
}
