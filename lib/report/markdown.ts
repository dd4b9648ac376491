// GitHub-flavoured Markdown for PR comments and job summaries ($GITHUB_STEP_SUMMARY).
// Page-provided names go into code spans and code blocks, where nothing is parsed as
// Markdown or HTML and `@names` cannot ping anyone; other text is backslash-escaped.
import type { HuntResult, Leak, ScenarioResult } from '../analysis/result.js';
import { cleanLines, cleanText, escapeHtml, escapeMarkdown, markdownCode, markdownCodeBlock } from './escape.js';
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
import { leakBlock, plainText } from './trace.js';
import { historyDate, historyTag, trendLine } from './history-text.js';

export interface MarkdownOptions {
  /** Also list the browser-internal growing classes that were hidden. */
  showInternal?: boolean;
}

const ICON: Record<Verdict, string> = { clean: '✅', leaks: '🔴', failed: '⚠️' };
const LABEL: Record<Verdict, string> = { clean: 'clean', leaks: 'leaks', failed: 'failed' };

export function renderMarkdown(result: HuntResult, opts: MarkdownOptions = {}): string {
  const t = totals(result);
  const out: string[] = [];
  const headline = t.failed > 0 || t.leaking > 0 ? `${t.leaking} leaking, ${t.failed} failed, ${t.clean} clean` : `all ${t.scenarios} clean`;
  out.push(`## leakhound: ${headline}`, '');
  const browser = result.browser ? cleanText(result.browser.version, 80) : 'no browser';
  const version = escapeMarkdown(`${cleanText(result.tool.version, 40)} · ${browser}`);
  const ignored = t.ignored > 0 ? ` (${t.ignored} ignored)` : '';
  out.push(`leakhound ${version} · ${plural(t.scenarios, 'scenario')} · ${plural(t.leaks, 'leak')}${ignored} · ${formatDuration(result.durationMs)}`, '');
  if (result.scenarios.length > 0) {
    out.push('| | scenario | verdict | leaks | iterations | time |', '|---|---|---|---:|---:|---:|');
    for (const s of result.scenarios) {
      const v = verdictOf(s);
      const ignored = ignoredLeaks(s).length;
      out.push(
        `| ${ICON[v]} | ${markdownCode(cleanText(s.name), true)} | ${LABEL[v]} | ${activeLeaks(s).length}${ignored ? ` (+${ignored} ignored)` : ''} | ` +
          `${formatNumber(s.iterations)} | ${formatDuration(totalPhaseMs(s))} |`,
      );
    }
    out.push('');
  }
  for (const s of result.scenarios) out.push(...scenarioSection(s, opts));
  return `${out.join('\n')}\n`;
}

function scenarioSection(s: ScenarioResult, opts: MarkdownOptions): string[] {
  const v = verdictOf(s);
  const active = activeLeaks(s).length;
  const ignored = ignoredLeaks(s).length;
  let status = LABEL[v];
  if (v === 'leaks') status = plural(active, 'leak');
  if (ignored > 0) status += ` (${ignored} ignored)`;
  const out = [
    `### ${ICON[v]} ${escapeMarkdown(cleanText(s.name))}: ${status}`,
    '',
    `${markdownCode(cleanText(s.url))} · ${markdownCode(cleanText(s.file))} · ${plural(s.iterations, 'iteration')}`,
    '',
  ];
  if (s.error) {
    out.push(`Failed at step ${markdownCode(cleanText(s.error.step, 80))}:`, '', markdownCodeBlock(cleanLines(s.error.message).join('\n')), '');
  }
  if (s.leaks.length > 0) {
    out.push(...leakTable(s), '');
    const firstActive = s.leaks.findIndex((l) => !l.ignored);
    s.leaks.forEach((leak, i) => out.push(...traceDetails(leak, i + 1, s.iterations, i === firstActive), ''));
  }
  out.push(...historyMarkdown(s));
  out.push(...counterTable(s), '');
  out.push(...hidden(s, opts), '');
  out.push(`**Timings:** ${phaseList(s).map((p) => `${p.phase} ${formatDuration(p.ms)}`).join(' · ')} · total ${formatDuration(totalPhaseMs(s))}`, '');
  return out;
}

function leakTable(s: ScenarioResult): string[] {
  const out = ['| # | leak | kind | +objects/iteration | bytes/iteration | dragged along | shared by |', '|---:|---|---|---:|---:|---|---:|'];
  s.leaks.forEach((leak, i) => {
    const tag = historyTag(leak);
    const name =
      markdownCode(cleanText(leak.headline), true) + (leak.ignored ? ' *(ignored)*' : '') + (tag ? ` — ${tag === 'new' ? '**new**' : escapeMarkdown(tag)}` : '');
    out.push(
      `| ${i + 1} | ${name} | ${escapeMarkdown(cleanText(leak.kind, 40))} | ${formatSigned(objectsPerIteration(leak, s.iterations))} | ` +
        `${formatBytes(leak.bytesPerIteration)} | ${draggedAlong(leak)} | ${formatNumber(leak.sharedBy)} |`,
    );
  });
  return out;
}

function draggedAlong(leak: Leak): string {
  const along = classesAlong(leak);
  if (along.length === 0) return '—';
  const shown = along.slice(0, 3).map((x) => markdownCode(cleanText(x, 60), true));
  return along.length > 3 ? `${shown.join(', ')} +${along.length - 3} more` : shown.join(', ');
}

/** A collapsible trace: the summary line is raw HTML, so it is HTML-escaped, not Markdown-escaped. */
function traceDetails(leak: Leak, rank: number, iterations: number, open: boolean): string[] {
  const label = `#${rank} <code>${escapeHtml(cleanText(leak.headline))}</code> ${escapeHtml(cleanText(leak.kind, 40))}${leak.ignored ? ' (ignored)' : ''}: leak trace`;
  return [`<details${open ? ' open' : ''}><summary>${label}</summary>`, '', markdownCodeBlock(plainText(leakBlock(leak, rank, iterations))), '', '</details>'];
}

/** --history: leaks gone since the scenario's previous run, and its leak count across runs. */
function historyMarkdown(s: ScenarioResult): string[] {
  const out: string[] = [];
  if (s.fixed && s.fixed.length > 0) {
    out.push('**Fixed since the previous run:**', '');
    for (const f of s.fixed) {
      out.push(`- ${markdownCode(cleanText(f.headline), true)} (${escapeMarkdown(cleanText(f.signature, 40))}), there since ${historyDate(f.since)}`);
    }
    out.push('');
  }
  const trend = trendLine(s.trend);
  if (trend) out.push(`**History:** ${escapeMarkdown(trend)}`, '');
  return out;
}

function counterTable(s: ScenarioResult): string[] {
  const series = counterSeries(s.counters);
  if (series.length === 0) return ['*No counters recorded.*'];
  const out = ['| counter | curve | first | last | per iteration |', '|---|---|---:|---:|---:|'];
  for (const c of series) {
    const fmt = c.bytes ? formatBytes : formatNumber;
    const rate = c.bytes ? formatSignedBytes(c.perIteration) : formatSigned(c.perIteration);
    out.push(`| ${c.label} | ${sparkline(c.values)} | ${fmt(c.first)} | ${fmt(c.last)} | ${rate} |`);
  }
  return out;
}

function hidden(s: ScenarioResult, opts: MarkdownOptions): string[] {
  const parts: string[] = [];
  if (s.hidden.internals.length > 0) {
    const reasons = s.hidden.internals.map((x) => `${escapeMarkdown(cleanText(x.reason, 80))} ${formatNumber(x.objects)}`).join(', ');
    parts.push(`${plural(hiddenInternalCount(s), 'object')} held only by internals (${reasons})`);
  }
  const browser = s.hidden.browserClasses;
  if (browser.length > 0) {
    parts.push(plural(browser.length, 'browser-internal growing class', 'browser-internal growing classes'));
  }
  const out = [`**Hidden:** ${parts.length > 0 ? parts.join('; ') : 'nothing'}`];
  if (opts.showInternal && browser.length > 0) {
    out.push('');
    for (const b of browser) {
      out.push(`- ${markdownCode(cleanText(b.headline))} ${escapeMarkdown(cleanText(b.kind, 40))}, ${formatSigned(objectsPerIteration(b, s.iterations))} objects/iteration, ${formatBytes(b.bytesPerIteration)}/iteration`);
    }
  }
  return out;
}
