// One measurement in a fresh process, so that its time and peak RSS are its own (no JIT
// warm-up or garbage carried over from another step). Prints one JSON line on stdout.
//
//   node --import tsx bench/measure.ts <parse|retainers|paths|dominators> <file>
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readHeapSnapshot } from '../lib/heap/read.js';
import type { HeapSnapshot } from '../lib/heap/snapshot.js';

export interface Measurement {
  step: string;
  /** Milliseconds for the step itself (after parsing, for the analyses). */
  ms?: number;
  /** Peak resident set of the whole process, parse included, in bytes. */
  maxRss?: number;
  nodes?: number;
  edges?: number;
  strings?: number;
  /** Why the step did not run. */
  skipped?: string;
}

const HEAP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'heap');

/** The analyses are written separately and may not exist yet: load them if they do. */
async function analysis(file: string, name: string): Promise<((s: HeapSnapshot) => unknown) | string> {
  const full = path.join(HEAP_DIR, file);
  if (!existsSync(full)) return `lib/heap/${file} does not exist yet`;
  try {
    const mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
    const fn = mod[name];
    if (typeof fn !== 'function') return `lib/heap/${file} has no ${name} export`;
    return fn as (s: HeapSnapshot) => unknown;
  } catch (e) {
    return `lib/heap/${file} failed to load: ${String((e as Error).message).split('\n')[0]}`;
  }
}

async function measure(step: string, file: string): Promise<Measurement> {
  let run: ((s: HeapSnapshot) => unknown) | undefined;
  if (step === 'retainers') run = (s) => s.retainers;
  else if (step === 'paths' || step === 'dominators') {
    const fn = step === 'paths' ? await analysis('paths.ts', 'computeRetainerPaths') : await analysis('dominators.ts', 'computeDominators');
    if (typeof fn === 'string') return { step, skipped: fn };
    run = fn;
  } else if (step !== 'parse') throw new Error(`unknown step ${step}`);

  const t0 = performance.now();
  const snapshot = await readHeapSnapshot(file);
  const parseMs = performance.now() - t0;
  let ms = parseMs;
  if (run) {
    const t1 = performance.now();
    const result = run(snapshot);
    ms = performance.now() - t1;
    if (result === undefined) throw new Error(`${step} returned nothing`);
  }
  return {
    step,
    ms,
    maxRss: process.resourceUsage().maxRSS * 1024,
    nodes: snapshot.nodeCount,
    edges: snapshot.edgeCount,
    strings: snapshot.strings.length,
  };
}

const [step, file] = process.argv.slice(2);
if (!step || !file) {
  console.error('usage: measure.ts <parse|retainers|paths|dominators> <file>');
  process.exitCode = 2;
} else {
  const m = await measure(step, file);
  process.stdout.write(`${JSON.stringify(m)}\n`);
}
