// Loads a scenario file. TypeScript goes through tsx's loader API, so `leakhound run
// x.ts` works from the compiled CLI without a build step or a global loader.

import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import type { LoadedScenario, LoadOptions } from './types.js';
import { validateScenario } from './validate.js';
import { parseRecorderFlow, splitFlow } from './recorder.js';
import { recorderScenario } from './recorder-replay.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);

export async function loadScenario(file: string, opts: LoadOptions = {}): Promise<LoadedScenario> {
  const path = resolve(file);
  const ext = extname(path);
  const recorder = ext.toLowerCase() === '.json';
  if (!TYPESCRIPT.has(ext) && !JAVASCRIPT.has(ext) && !recorder) {
    throw new UsageError(`${file}: not a scenario file (use .ts, .mts, .cts, .js, .mjs, .cjs, or a DevTools Recorder .json)`);
  }
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${file}: no such file`);
  if (!info.isFile()) throw new UsageError(`${file}: not a file`);
  if (recorder) {
    // A Recorder export is data, not code: parsed and cut into parts, never imported.
    const flow = parseRecorderFlow(await readFile(path, 'utf8'), file);
    const split = splitFlow(flow, file, { actionSteps: opts.actionSteps });
    const scenario = recorderScenario(flow, split, { file, baseUrl: opts.baseUrl });
    return { file: path, scenario, name: flow.title };
  }

  const url = pathToFileURL(path).href;
  let namespace: Record<string, unknown>;
  try {
    namespace = TYPESCRIPT.has(ext) ? await importTypeScript(url) : await import(url);
  } catch (err) {
    throw new UsageError(`${file}: ${describeLoadError(err, path)}`);
  }
  const scenario = validateScenario(defaultExport(namespace), file);
  return { file: path, scenario, name: scenario.name ?? basename(path, ext) };
}

/**
 * Loaded on demand: JavaScript scenarios need no compiler. A static import would also
 * resolve to tsx's CommonJS build when this file itself runs under tsx (tests), and that
 * build cannot find its ESM half.
 */
async function importTypeScript(url: string): Promise<Record<string, unknown>> {
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}

/**
 * The default export, seen through CommonJS interop: `export default` compiled to CJS
 * arrives as `{ default: { default: scenario } }`.
 */
function defaultExport(namespace: Record<string, unknown>): unknown {
  let value: unknown = namespace.default;
  for (let i = 0; i < 2 && isWrapper(value); i++) value = (value as { default: unknown }).default;
  return value;
}

function isWrapper(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !('action' in value) && 'default' in value;
}

/**
 * CommonJS syntax errors put "/abs/x.cjs:3" first in the stack; ES module ones carry no
 * location at all, so ask `node --check`, which prints the same first line (this runs
 * only on the failure path).
 */
function syntaxErrorLine(err: Error, path: string): string | undefined {
  const located = (text: string | undefined) =>
    text?.startsWith(`${path}:`) ? /^[^\n]*:(\d+)\r?\n/.exec(text)?.[1] : undefined;
  const fromStack = located(err.stack);
  if (fromStack || !JAVASCRIPT.has(extname(path))) return fromStack;
  const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8', timeout: 10_000 });
  return located(check.stderr);
}

/** One line: where a syntax error is when the error says, never a stack. */
function describeLoadError(err: unknown, path: string): string {
  if (!(err instanceof Error)) return `threw while loading: ${String(err)}`;
  const lines = err.message.split('\n');
  // esbuild (TypeScript): "Transform failed with 1 error:\n/abs/x.ts:1:30: ERROR: Unexpected ...".
  const esbuild = lines.map((l) => /:(\d+):(\d+): ERROR: (.*)$/.exec(l)).find(Boolean);
  if (esbuild) return `cannot load: SyntaxError at line ${esbuild[1]}:${esbuild[2]}: ${esbuild[3]}`;
  const first = lines.find((l) => l.trim())?.trim() ?? '';
  if (err.name === 'SyntaxError') {
    const line = syntaxErrorLine(err, path);
    return `cannot load: SyntaxError${line ? ` at line ${line}` : ''}: ${first}`;
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('ERR_')) return `cannot load: ${first}`;
  return `threw while loading: ${err.name}: ${first}`;
}
