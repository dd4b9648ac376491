// --history in the HTML report: a scenario's leak count across runs as inline SVG (markup,
// not a resource: the report's CSP and offline use stay intact). Every text is escaped.
import type { TrendPoint } from '../analysis/result.js';
import { cleanText, escapeHtml } from './escape.js';
import { formatBytes } from './format.js';
import { historyDate } from './history-text.js';

const W = 420;
const H = 90;
const PAD = { left: 28, right: 10, top: 10, bottom: 22 };

/** Empty when there is nothing to compare (fewer than two runs). */
export function trendSvg(trend: readonly TrendPoint[] | undefined): string {
  if (!trend || trend.length < 2) return '';
  const max = Math.max(1, ...trend.map((p) => p.leaks));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (trend.length === 1 ? plotW / 2 : (i * plotW) / (trend.length - 1));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const points = trend.map((p, i) => `${x(i).toFixed(1)},${y(p.leaks).toFixed(1)}`).join(' ');
  const dots = trend.map((p, i) => {
    const label = `${historyDate(p.date)}: ${p.status === 'failed' ? 'failed' : `${p.leaks} leak${p.leaks === 1 ? '' : 's'}, ${formatBytes(p.bytesPerIteration)}/iteration`}`;
    const cls = p.status === 'failed' ? 'failed' : p.leaks > 0 ? 'leaks' : 'clean';
    return `<circle class="${cls}" cx="${x(i).toFixed(1)}" cy="${y(p.leaks).toFixed(1)}" r="3.5"><title>${escapeHtml(cleanText(label, 120))}</title></circle>`;
  });
  const first = escapeHtml(historyDate(trend[0].date));
  const last = escapeHtml(historyDate(trend[trend.length - 1].date));
  return [
    `<svg class="trend" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="leaks per run, ${trend.length} runs">`,
    `<line x1="${PAD.left}" y1="${y(0)}" x2="${W - PAD.right}" y2="${y(0)}"/>`,
    `<text x="${PAD.left - 6}" y="${y(max) + 4}" text-anchor="end">${max}</text><text x="${PAD.left - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`,
    `<polyline points="${points}"/>`,
    ...dots,
    `<text x="${PAD.left}" y="${H - 6}">${first}</text><text x="${W - PAD.right}" y="${H - 6}" text-anchor="end">${last}</text>`,
    '</svg>',
  ].join('');
}
