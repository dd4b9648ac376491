// Number formatting shared by every renderer, so that a figure reads the same in the
// terminal, a PR comment and a JUnit message.

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Decimal units (1 kB = 1000 B), as Chrome DevTools shows sizes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '?';
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  let u = 0;
  while (v >= 1000 && u < BYTE_UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${sign}${trimZeros(v.toFixed(digits))} ${BYTE_UNITS[u]}`;
}

/** Up to two decimals, none when whole: per-iteration rates are often fractional. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '?';
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return trimZeros(n.toFixed(2));
}

export function formatSigned(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}

export function formatSignedBytes(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimZeros((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s`;
  const totalSeconds = Math.round(ms / 1000);
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

/** Three snapshot counts as `a → b → c`, the way growth across a hunt is read. */
export function formatTriple(counts: readonly [number, number, number]): string {
  return counts.map(formatNumber).join(' → ');
}

const SPARKS = '▁▂▃▄▅▆▇█';

/**
 * One block character per value, scaled between the series' min and max. A flat series
 * stays on the floor so that it cannot be mistaken for growth. Long series are bucketed
 * (max per bucket) so a 200-iteration hunt still fits a line.
 */
export function sparkline(values: readonly number[], maxWidth = 40): string {
  if (values.length === 0) return '';
  const series = values.length > maxWidth ? bucketMax(values, maxWidth) : values;
  let min = Infinity;
  let max = -Infinity;
  for (const v of series) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  let out = '';
  for (const v of series) {
    const level = span === 0 ? 0 : Math.round(((v - min) / span) * (SPARKS.length - 1));
    out += SPARKS[level];
  }
  return out;
}

function bucketMax(values: readonly number[], buckets: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * values.length) / buckets);
    const to = Math.max(from + 1, Math.floor(((b + 1) * values.length) / buckets));
    let m = -Infinity;
    for (let i = from; i < to; i++) if (values[i] > m) m = values[i];
    out.push(m);
  }
  return out;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
