// One measurement in a fresh process, so that its time and peak RSS are its own (no JIT
// warm-up or garbage carried over from another step). Prints one JSON line on stdout.
//
//   node --import tsx bench/measure.ts <step> <file>
//
// Steps: `parse`; `retainers`, `paths`, `dominators` (each alone after a parse); and two
// whole pipelines in one process, the way users run them, every result kept alive to the
// end as the CLI keeps it:
//   pipeline   parse → retainers → internals filter → paths → dominators (`leakhound at`)
//   verdict    parse → internals filter → paths → dominators (what a hunt's verdict
//              computes per snapshot; nothing there needs the retainer index)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeDominators } from '../lib/heap/dominators.js';
import { createInternalsFilter, type InternalsFilter } from '../lib/heap/internals.js';
import { computeRetainerPaths, type RetainerPaths } from '../lib/heap/paths.js';
import { readHeapSnapshot } from '../lib/heap/read.js';
import type { HeapSnapshot } from '../lib/heap/snapshot.js';

export const STEPS = ['parse', 'retainers', 'paths', 'dominators', 'pipeline', 'verdict'] as const;
export type Step = (typeof STEPS)[number];

export interface Measurement {
  step: string;
  /** Milliseconds for the step itself (after parsing, for a single analysis; everything, for a pipeline). */
  ms?: number;
  /** A pipeline's stages, in order, in milliseconds. */
  stages?: Record<string, number>;
  /** Peak resident set of the whole process, parse included, in bytes. */
  maxRss?: number;
  nodes?: number;
  edges?: number;
  strings?: number;
  /** Why the step did not run. */
  skipped?: string;
}

/** A stage gets the snapshot and the previous stage's result. */
type Stage = [name: string, run: (s: HeapSnapshot, previous: unknown) => unknown];

const filteredPaths: Stage = ['paths', (s, filter) => computeRetainerPaths(s, { filter: filter as InternalsFilter })];
const pathsDominators: Stage = ['dominators', (s, paths) => computeDominators(s, paths as RetainerPaths)];
const STAGES: Record<Exclude<Step, 'parse'>, Stage[]> = {
  retainers: [['retainers', (s) => s.retainers]],
  paths: [['paths', (s) => computeRetainerPaths(s)]],
  dominators: [['dominators', (s) => computeDominators(s)]],
  pipeline: [
    ['retainers', (s) => s.retainers],
    ['filter', (s) => createInternalsFilter(s)],
    filteredPaths,
    pathsDominators,
  ],
  verdict: [['filter', (s) => createInternalsFilter(s)], filteredPaths, pathsDominators],
};

async function measure(step: Step, file: string): Promise<Measurement> {
  const t0 = performance.now();
  const snapshot = await readHeapSnapshot(file);
  const parseMs = performance.now() - t0;
  const stages: Record<string, number> = { parse: parseMs };
  // Every result stays referenced until the end, as the CLI keeps them.
  const kept: unknown[] = [];
  if (step !== 'parse') {
    for (const [name, run] of STAGES[step]) {
      const t = performance.now();
      const result = run(snapshot, kept.at(-1));
      stages[name] = performance.now() - t;
      if (result === undefined) throw new Error(`${name} returned nothing`);
      kept.push(result);
    }
  }
  const whole = step === 'pipeline' || step === 'verdict';
  const ms = whole ? performance.now() - t0 : stages[step];
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return {
    step,
    ms,
    stages: whole ? stages : undefined,
    maxRss,
    nodes: snapshot.nodeCount,
    edges: snapshot.edgeCount,
    strings: snapshot.strings.length,
  };
}

async function main(argv: string[]): Promise<void> {
  const [step, file] = argv;
  if (!step || !file || !(STEPS as readonly string[]).includes(step)) {
    console.error(`usage: measure.ts <${STEPS.join('|')}> <file>`);
    process.exitCode = 2;
    return;
  }
  const m = await measure(step as Step, file);
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

// run.ts imports STEPS from here; only a direct run measures.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main(process.argv.slice(2));
