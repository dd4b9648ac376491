// The machine-readable report: the HuntResult itself, with keys in a fixed order so that
// two runs with the same findings produce the same bytes and nightly diffs stay small.
import type { HuntResult } from '../analysis/result.js';

export function renderJson(result: HuntResult): string {
  const { schemaVersion, ...rest } = result;
  // schemaVersion first: a reader must know the shape before it reads anything else.
  return `${JSON.stringify({ schemaVersion, ...(sortKeys(rest) as object) }, null, 2)}\n`;
}

/** Object keys sorted at every depth; array order is meaningful (ranking, chain order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
