// Runs the real `leakhound` binary (bin/leakhound.js → dist/bundle/) the way a user does, and
// writes small snapshot fixtures. dist/ is rebuilt only when a source under lib/ is newer.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SnapshotBuilder } from '../helpers/snapshot-builder.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'leakhound.js');
const MAIN = join(ROOT, 'dist', 'bundle', 'main.js');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function mtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds dist/ when it is missing or older than lib/ (npm test has built it already). */
export function ensureBuilt(): void {
  const sources = newestMtime(join(ROOT, 'lib'));
  if (mtime(MAIN) >= sources) return;
  // Type errors elsewhere in the tree still emit JavaScript; what matters is a fresh main.js,
  // so the bundle is made from what tsc emitted even then (`npm run build` would stop there).
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle-cli.mjs')], { cwd: ROOT, stdio: 'ignore' });
  if (mtime(MAIN) < sources) throw new Error('the build did not refresh dist/bundle/main.js');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` from the repository root and collects its exit code and output. */
export function runProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** `leakhound ...args`, colour off unless the test asks for it. */
export function leakhound(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env });
}

/** A temp dir removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'leakhound-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeSnapshot(dir: string, name: string, b: SnapshotBuilder): string {
  const p = join(dir, name);
  writeFileSync(p, b.toJSON());
  return p;
}
