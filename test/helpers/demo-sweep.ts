// The demo app swept by the real binary, as the reference the --workers, --connect and
// merge tests compare with. The plain sweep runs once per mocha process (it takes half a
// minute); each test file still asserts against it independently.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, leakhound, tempDir, type CliResult } from '../cli/harness.js';
import type { HuntResult } from '../../lib/analysis/result.js';

export const DEMO_APP = join(ROOT, 'scenarios', 'demo-app');
export const DEMO_SCENARIOS = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.mjs'))
  .sort()
  .map((f) => join(ROOT, 'scenarios', f));

/** What must match between two sweeps of the same app: order, names, statuses, leak signatures. */
export interface Verdict {
  name: string;
  status: string;
  signatures: string[];
}

export function verdictsOf(result: HuntResult): Verdict[] {
  return result.scenarios.map((s) => ({ name: s.name, status: s.status, signatures: s.leaks.map((l) => l.signature).sort() }));
}

export function readResult(file: string): HuntResult {
  return JSON.parse(readFileSync(file, 'utf8')) as HuntResult;
}

export interface DemoRun {
  cli: CliResult;
  result: HuntResult;
}

/** `leakhound run <demo scenarios> --serve <demo app> ...extra --json F`. */
export async function sweepDemo(extra: string[], files: string[] = DEMO_SCENARIOS): Promise<DemoRun> {
  const t = tempDir();
  try {
    const json = join(t.dir, 'result.json');
    const cli = await leakhound(['run', ...files, '--serve', DEMO_APP, '--progress', 'simple', '--json', json, ...extra]);
    let result: HuntResult;
    try {
      result = readResult(json);
    } catch {
      throw new Error(`no JSON result (exit ${cli.code}): ${cli.stderr.slice(-2000)}`);
    }
    return { cli, result };
  } finally {
    t.cleanup();
  }
}

let plain: Promise<DemoRun> | undefined;

/** The plain sweep (one worker, launched browser), shared by the files that compare with it. */
export function plainDemoSweep(): Promise<DemoRun> {
  plain ??= sweepDemo([]);
  return plain;
}
