// JUnit XML for CI dashboards: one testcase per scenario, a leak is a <failure> (the
// traces in its body), a scenario that could not run is an <error>, accepted leaks pass.
// Every page-provided string is escaped and stripped of characters XML 1.0 forbids, so
// a hostile page cannot break the file a CI server parses.
import type { HuntResult, ScenarioResult } from '../analysis/result.js';
import { cleanLines, cleanText, escapeXml, escapeXmlAttr } from './escape.js';
import { activeLeaks, counterSeries, ignoredLeaks, phaseList, totalPhaseMs, totals, verdictOf } from './facts.js';
import { formatBytes, formatDuration, formatNumber, formatSigned, formatSignedBytes, plural } from './format.js';
import { leakBlock, plainText } from './trace.js';
import { fixedLines, historyTag, trendLine } from './history-text.js';

export function renderJUnit(result: HuntResult): string {
  const t = totals(result);
  const seconds = secs(result.durationMs);
  const counts = `tests="${t.scenarios}" failures="${t.leaking}" errors="${t.failed}" skipped="0" time="${seconds}"`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="leakhound" ${counts}>`,
    `  <testsuite name="leakhound" ${counts} timestamp="${attr(cleanText(result.startedAt, 40))}">`,
    '    <properties>',
    property('leakhound.version', result.tool.version),
    property('browser.version', result.browser?.version ?? 'none'),
    '    </properties>',
  ];
  for (const s of result.scenarios) out.push(...testcase(s));
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

function testcase(s: ScenarioResult): string[] {
  const open = `    <testcase classname="${attr(cleanText(s.file))}" name="${attr(cleanText(s.name))}" time="${secs(totalPhaseMs(s))}">`;
  const out = [open];
  const verdict = verdictOf(s);
  if (verdict === 'failed') {
    const step = s.error?.step ?? 'unknown';
    const message = s.error?.message ?? 'scenario failed';
    const firstLine = cleanLines(message)[0] ?? '';
    out.push(
      `      <error type="ScenarioError" message="${attr(`step '${cleanText(step, 80)}': ${firstLine}`)}">` +
        `${text(`failed at step '${cleanText(step, 80)}'\n${cleanLines(message).join('\n')}`)}</error>`,
    );
  } else if (verdict === 'leaks') {
    const active = activeLeaks(s);
    const tagged = (l: (typeof active)[number]) => cleanText(l.headline, 120) + (historyTag(l) ? ` (${historyTag(l)})` : '');
    const message = `${plural(active.length, 'leak')}: ${active.map(tagged).join(', ')}`;
    const body = active.map((l) => plainText(leakBlock(l, s.leaks.indexOf(l) + 1, s.iterations))).join('\n\n');
    out.push(`      <failure type="leak" message="${attr(message)}">${text(`${cleanText(s.url)}\n\n${body}`)}</failure>`);
  }
  out.push(`      <system-out>${text(systemOut(s))}</system-out>`);
  out.push('    </testcase>');
  return out;
}

/** Context that helps triage but is no verdict: accepted leaks, counters, hidden, timings. */
function systemOut(s: ScenarioResult): string {
  const lines = [`url: ${cleanText(s.url)}`, `iterations: ${s.iterations}`];
  const ignored = ignoredLeaks(s);
  if (ignored.length > 0) {
    lines.push(`ignored leaks: ${ignored.length}`);
    for (const l of ignored) lines.push(plainText(leakBlock(l, s.leaks.indexOf(l) + 1, s.iterations)));
  }
  for (const c of counterSeries(s.counters)) {
    const fmt = c.bytes ? formatBytes : formatNumber;
    const rate = c.bytes ? formatSignedBytes(c.perIteration) : formatSigned(c.perIteration);
    lines.push(`${c.label}: ${c.values.map(fmt).join(' ')} (${rate}/iteration)`);
  }
  for (const f of fixedLines(s)) lines.push(`fixed since the previous run: ${f}`);
  const trend = trendLine(s.trend);
  if (trend) lines.push(trend);
  for (const h of s.hidden.internals) lines.push(`hidden: ${plural(h.objects, 'object')} held only by ${cleanText(h.reason, 80)}`);
  if (s.hidden.browserClasses.length > 0) {
    lines.push(`hidden: ${plural(s.hidden.browserClasses.length, 'browser-internal growing class', 'browser-internal growing classes')}`);
  }
  lines.push(`timings: ${phaseList(s).map((p) => `${p.phase} ${formatDuration(p.ms)}`).join(', ')}`);
  return lines.join('\n');
}

function property(name: string, value: string): string {
  return `      <property name="${attr(name)}" value="${attr(cleanText(value, 200))}"/>`;
}

function attr(s: string): string {
  return escapeXmlAttr(s);
}

function text(s: string): string {
  return escapeXml(s);
}

function secs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
