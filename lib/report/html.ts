// One self-contained HTML file: inline CSS, inline SVG curves, <details> for collapsing,
// no script at all. Every page-provided string is HTML-escaped, and a CSP meta tag that
// allows no script is a second fence should an escape ever be missed.
import type { HuntResult, Leak, ScenarioResult } from '../analysis/result.js';
import { cleanLines, cleanText, escapeHtml } from './escape.js';
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
import { formatBytes, formatDuration, formatNumber, formatSigned, formatSignedBytes, plural } from './format.js';
import { leakBlock, type Line } from './trace.js';
import { historyDate, historyTag } from './history-text.js';
import { trendSvg } from './trend-svg.js';

export interface HtmlOptions {
  /** Also list the browser-internal growing classes that were hidden, with their traces. */
  showInternal?: boolean;
}

/** Page text → HTML text: control characters neutralised, then escaped. */
function h(s: unknown, max?: number): string {
  return escapeHtml(cleanText(s, max));
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#656d76;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;--red:#cf222e;--green:#1a7f37;--amber:#9a6700;--blue:#0969da;--purple:#8250df}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--bg:#0d1117;--panel:#161b22;--line:#30363d;--red:#ff7b72;--green:#3fb950;--amber:#d29922;--blue:#58a6ff;--purple:#bc8cff}}
body{font:14px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin:0}h2{font-size:1.2rem;margin:0 0 .3rem}h3{font-size:1rem;margin:1rem 0 .3rem}
.meta{color:var(--muted)}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:var(--panel)}td.n{text-align:right;font-variant-numeric:tabular-nums}
section.scenario{border:1px solid var(--line);border-left-width:6px;border-radius:6px;padding:1rem;margin:1.5rem 0}
section.clean{border-left-color:var(--green)}section.leaks{border-left-color:var(--red)}section.failed{border-left-color:var(--amber)}
.badge{display:inline-block;border-radius:1rem;padding:0 .6rem;font-size:.8rem;font-weight:600;color:#fff;vertical-align:middle}
.badge.clean{background:var(--green)}.badge.leaks{background:var(--red)}.badge.failed{background:var(--amber)}
details{margin:.5rem 0}summary{cursor:pointer}pre{background:var(--panel);padding:.75rem;border-radius:6px;overflow-x:auto;margin:.3rem 0}
.ignored{opacity:.55}.error{color:var(--amber)}
.t-frame,.t-meta,.t-label,.t-note{color:var(--muted)}.t-class{font-weight:600}.t-edge{color:var(--blue)}
.t-suspect{color:var(--red);text-decoration:underline wavy}.t-underline{color:var(--red)}.t-leaked{color:var(--amber)}.t-root{color:var(--purple)}
svg.spark{vertical-align:middle}svg.spark polyline{fill:none;stroke:var(--blue);stroke-width:1.5}
.hist-new{color:var(--red);font-weight:600}.hist-still{color:var(--muted)}svg.trend polyline{fill:none;stroke:var(--blue);stroke-width:1.5}
svg.trend line{stroke:var(--line)}svg.trend text{fill:var(--muted);font-size:11px}svg.trend circle.clean{fill:var(--green)}svg.trend circle.leaks{fill:var(--red)}svg.trend circle.failed{fill:var(--amber)}
`;

export function renderHtml(result: HuntResult, opts: HtmlOptions = {}): string {
  const t = totals(result);
  const title = `leakhound: ${t.leaking} leaking, ${t.failed} failed, ${t.clean} clean`;
  const browser = result.browser ? h(result.browser.version, 80) : 'no browser';
  const body: string[] = [
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${h(result.tool.name)} ${h(result.tool.version, 40)} · ${browser} · started ${h(result.startedAt, 40)} · ${formatDuration(result.durationMs)}</p>`,
    `<p>${summaryText(result)}</p>`,
    '</header>',
  ];
  if (result.scenarios.length > 0) body.push(overview(result));
  result.scenarios.forEach((s, i) => body.push(scenarioSection(s, i, opts)));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summaryText(result: HuntResult): string {
  const t = totals(result);
  return [
    plural(t.scenarios, 'scenario'),
    `${t.clean} clean`,
    `${t.leaking} leaking`,
    `${t.failed} failed`,
    plural(t.leaks, 'leak') + (t.ignored > 0 ? ` (${t.ignored} ignored)` : ''),
    formatDuration(result.durationMs),
  ].join(' · ');
}

const LABEL: Record<Verdict, string> = { clean: 'CLEAN', leaks: 'LEAKS', failed: 'FAILED' };

function overview(result: HuntResult): string {
  const rows = result.scenarios.map((s, i) => {
    const v = verdictOf(s);
    const ignored = ignoredLeaks(s).length;
    return (
      `<tr><td><span class="badge ${v}">${LABEL[v]}</span></td><td><a href="#scenario-${i + 1}">${h(s.name)}</a></td>` +
      `<td class="n">${activeLeaks(s).length}${ignored ? ` (+${ignored} ignored)` : ''}</td><td class="n">${formatNumber(s.iterations)}</td>` +
      `<td class="n">${formatDuration(totalPhaseMs(s))}</td></tr>`
    );
  });
  return `<table class="overview"><thead><tr><th>verdict</th><th>scenario</th><th>leaks</th><th>iterations</th><th>time</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function scenarioSection(s: ScenarioResult, index: number, opts: HtmlOptions): string {
  const v = verdictOf(s);
  const active = activeLeaks(s).length;
  const ignored = ignoredLeaks(s).length;
  let status = v === 'leaks' ? plural(active, 'leak') : v;
  if (ignored > 0) status += ` (${ignored} ignored)`;
  const out = [
    `<section class="scenario ${v}" id="scenario-${index + 1}">`,
    `<h2><span class="badge ${v}">${LABEL[v]}</span> ${h(s.name)} <span class="meta">${escapeHtml(status)}</span></h2>`,
    `<p class="meta"><code>${h(s.url)}</code> · <code>${h(s.file)}</code> · ${plural(s.iterations, 'iteration')}</p>`,
  ];
  if (s.error) {
    out.push(
      `<p class="error">Failed at step <code>${h(s.error.step, 80)}</code>:</p>`,
      `<pre class="error">${cleanLines(s.error.message).map(escapeHtml).join('\n')}</pre>`,
    );
  }
  if (s.leaks.length > 0) {
    out.push(leakTable(s));
    const firstActive = s.leaks.findIndex((l) => !l.ignored);
    s.leaks.forEach((leak, i) => out.push(traceDetails(leak, i + 1, s.iterations, i === firstActive)));
  }
  out.push(historySection(s));
  out.push(counters(s), hidden(s, opts));
  const timings = phaseList(s).map((p) => `${p.phase} ${formatDuration(p.ms)}`);
  out.push(`<p class="meta">Timings: ${timings.join(' · ')} · total ${formatDuration(totalPhaseMs(s))}</p>`, '</section>');
  return out.join('\n');
}

function leakTable(s: ScenarioResult): string {
  const rows = s.leaks.map((leak, i) => {
    const along = classesAlong(leak);
    const alongHtml =
      along.length === 0
        ? '—'
        : along.slice(0, 3).map((x) => `<code>${h(x, 60)}</code>`).join(', ') + (along.length > 3 ? ` +${along.length - 3} more` : '');
    return (
      `<tr${leak.ignored ? ' class="ignored"' : ''}><td class="n">${i + 1}</td>` +
      `<td><code>${h(leak.headline)}</code>${leak.ignored ? ' <em>(ignored)</em>' : ''}${historyHtml(leak)}</td><td>${h(leak.kind, 40)}</td>` +
      `<td class="n">${formatSigned(objectsPerIteration(leak, s.iterations))}</td><td class="n">${formatBytes(leak.bytesPerIteration)}</td>` +
      `<td>${alongHtml}</td><td class="n">${formatNumber(leak.sharedBy)}</td></tr>`
    );
  });
  return (
    '<table class="leaks"><thead><tr><th>#</th><th>leak</th><th>kind</th><th>+objects/iteration</th><th>bytes/iteration</th>' +
    `<th>dragged along</th><th>shared by</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
  );
}

function traceDetails(leak: Leak, rank: number, iterations: number, open: boolean): string {
  const cls = leak.ignored ? ' class="ignored"' : '';
  return (
    `<details${cls}${open ? ' open' : ''}><summary>#${rank} <code>${h(leak.headline)}</code> ${h(leak.kind, 40)}` +
    `${leak.ignored ? ' (ignored)' : ''}: leak trace</summary>\n<pre class="trace">${traceHtml(leakBlock(leak, rank, iterations))}</pre></details>`
  );
}

/** Segment text was cleaned when the trace was built; here it is only escaped. */
function traceHtml(lines: Line[]): string {
  return lines
    .map((line) => line.map((seg) => (seg.role ? `<span class="t-${seg.role}">${escapeHtml(seg.text)}</span>` : escapeHtml(seg.text))).join(''))
    .join('\n');
}

function historyHtml(leak: Leak): string {
  const tag = historyTag(leak);
  if (!tag) return '';
  return ` <span class="${tag === 'new' ? 'hist-new' : 'hist-still'}">${escapeHtml(tag)}</span>`;
}

/** --history: the scenario's leaks per run as a chart, and the leaks fixed since the previous run. */
function historySection(s: ScenarioResult): string {
  const svg = trendSvg(s.trend);
  const fixed = (s.fixed ?? []).map(
    (f) => `<li><code>${h(f.headline)}</code> <span class="meta">${h(f.signature, 40)}, there since ${escapeHtml(historyDate(f.since))}</span></li>`,
  );
  if (!svg && fixed.length === 0) return '';
  const out = [`<h3>History</h3>`];
  if (svg) out.push(`<p class="meta">Leaks per run, oldest first (${s.trend!.length} runs)</p>`, svg);
  if (fixed.length > 0) out.push('<p>Fixed since the previous run:</p>', `<ul class="fixed">${fixed.join('')}</ul>`);
  return out.join('\n');
}

function counters(s: ScenarioResult): string {
  const series = counterSeries(s.counters);
  if (series.length === 0) return '<p class="meta">No counters recorded.</p>';
  const rows = series.map((c) => {
    const fmt = c.bytes ? formatBytes : formatNumber;
    const rate = c.bytes ? formatSignedBytes(c.perIteration) : formatSigned(c.perIteration);
    return (
      `<tr><td>${c.label}</td><td>${sparkSvg(c.values)}</td><td class="n">${fmt(c.first)}</td><td class="n">${fmt(c.last)}</td>` +
      `<td class="n">${rate}</td></tr>`
    );
  });
  return (
    '<h3>Counters</h3><table class="counters"><thead><tr><th>counter</th><th>curve</th><th>first</th><th>last</th><th>per iteration</th></tr></thead>' +
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`
  );
}

/** An inline SVG polyline: markup, not a resource, so the CSP and offline use are fine. */
function sparkSvg(values: number[]): string {
  const w = 120;
  const ht = 24;
  if (values.length === 0) return '';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(ht - 2 - ((v - min) / span) * (ht - 4)).toFixed(1)}`)
    .join(' ');
  return `<svg class="spark" width="${w}" height="${ht}" viewBox="0 0 ${w} ${ht}" role="img" aria-label="growth curve"><polyline points="${points}"/></svg>`;
}

function hidden(s: ScenarioResult, opts: HtmlOptions): string {
  const parts: string[] = [];
  if (s.hidden.internals.length > 0) {
    const reasons = s.hidden.internals.map((x) => `${h(x.reason, 80)} ${formatNumber(x.objects)}`).join(', ');
    parts.push(`${plural(hiddenInternalCount(s), 'object')} held only by internals (${reasons})`);
  }
  const browser = s.hidden.browserClasses;
  if (browser.length > 0) parts.push(plural(browser.length, 'browser-internal growing class', 'browser-internal growing classes'));
  const out = [`<p>Hidden: ${parts.length > 0 ? parts.join('; ') : 'nothing'}</p>`];
  if (opts.showInternal && browser.length > 0) {
    browser.forEach((b, i) => out.push(traceDetails({ ...b, ignored: false }, i + 1, s.iterations, false)));
  }
  return out.join('\n');
}
