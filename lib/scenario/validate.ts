// Checks a scenario module's export before anything runs, so a typo fails in milliseconds
// with the file and field named, not minutes later inside a browser.

import { UsageError } from '../errors.js';
import type { Scenario } from './types.js';

const HINT = 'export default { action(page) { ... } }';

/** Returns `value` typed as a Scenario, or throws a UsageError naming `file` and the problem. */
export function validateScenario(value: unknown, file: string): Scenario {
  if (value === undefined) throw new UsageError(`${file}: no default export (expected ${HINT})`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${file}: the default export must be an object like ${HINT}, got ${kind(value)}`);
  }
  const s = value as Record<string, unknown>;
  if (typeof s.action !== 'function') {
    throw new UsageError(`${file}: action must be a function (${HINT}), got ${kind(s.action)}`);
  }
  for (const key of ['setup', 'back'] as const) {
    if (s[key] !== undefined && typeof s[key] !== 'function') {
      throw new UsageError(`${file}: ${key} must be a function, got ${kind(s[key])}`);
    }
  }
  for (const key of ['name', 'url'] as const) {
    if (s[key] !== undefined && (typeof s[key] !== 'string' || s[key] === '')) {
      throw new UsageError(`${file}: ${key} must be a non-empty string, got ${kind(s[key])}`);
    }
  }
  if (s.iterations !== undefined) validateIterations(s.iterations, `${file}: iterations`);
  if (s.ignore !== undefined && !(Array.isArray(s.ignore) && s.ignore.every((p) => typeof p === 'string'))) {
    throw new UsageError(`${file}: ignore must be an array of strings, got ${kind(s.ignore)}`);
  }
  return value as Scenario;
}

/**
 * The verdict compares two halves of the loop, so one iteration can never be judged. Every
 * entry point (flag, scenario file, API) checks with this one rule and message.
 */
export function validateIterations(value: unknown, what = '--iterations'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2) {
    throw new UsageError(`${what} must be a whole number of at least 2, got ${kind(value)}`);
  }
  return value;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
