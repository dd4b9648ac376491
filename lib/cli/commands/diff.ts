// `leakhound diff BEFORE AFTER`: objgraph's show_growth between two snapshots, keyed by the
// class names DevTools' Comparison view uses, plus one retainer chain of a new instance for
// each of the top growing classes: the first question after "what grew" is "what holds it".
import { diffSnapshots, type ClassDiff } from '../../heap/diff.js';
import { NO_DISTANCE, retainerChain } from '../../heap/paths.js';
import type { HeapSnapshot } from '../../heap/snapshot.js';
import { chainToJson, printChain, type ChainJson } from '../chain-text.js';
import { defineCommand, positiveInt, withJson } from '../command.js';
import { SnapshotAnalysis } from '../heap-input.js';
import { formatBytes, formatDelta, safeText } from '../output.js';

/** New instances considered when picking one to explain; the closest to a root wins. */
const SAMPLE_CANDIDATES = 200;

export const diffCommand = defineCommand({
  command: 'diff <before> <after>',
  describe: 'which classes grew between two snapshots, and what retains the new objects',
  builder: (y) =>
    withJson(
      y
        .positional('before', { type: 'string', demandOption: true, describe: 'earlier .heapsnapshot' })
        .positional('after', { type: 'string', demandOption: true, describe: 'later .heapsnapshot' })
        .option('top', { type: 'number', default: 10, describe: 'how many growing classes to list', coerce: positiveInt('top') })
        .option('chains', {
          type: 'number',
          default: 3,
          describe: 'retainer chains to show, one per top growing class (0: none)',
          coerce: positiveInt('chains', { allowZero: true }),
        })
        .example('$0 diff before.heapsnapshot after.heapsnapshot', '')
        .example('$0 diff a.heapsnapshot b.heapsnapshot --top 20 --chains 0 --json', ''),
    ),
  async run(args, { out, note }) {
    const before = await SnapshotAnalysis.load(args.before);
    const after = await SnapshotAnalysis.load(args.after);
    const rows = diffSnapshots(before.snapshot, after.snapshot, {
      beforeClasses: before.classes,
      afterClasses: after.classes,
    });
    const grown = rows.filter((r) => r.delta > 0);
    const shrunk = rows.filter((r) => r.delta < 0).length;
    const shown = grown.slice(0, args.top);
    const common = commonIds(before.snapshot, after.snapshot);
    // Builtins keep their ids within one session; a handful in common (the synthetic roots)
    // means the ids were assigned independently.
    if (common < 0.01 * Math.min(before.snapshot.nodeCount, after.snapshot.nodeCount)) {
      note('the snapshots share almost no object ids (taken in different sessions?): nearly every object counts as new');
    }
    const chains: (ChainJson & { className: string; nodeId: number })[] = [];
    for (const r of shown.slice(0, args.chains)) {
      const picked = explainNew(after, r);
      if (picked) chains.push({ className: r.className, nodeId: picked.nodeId, ...picked.chain });
    }
    if (args.json) {
      out.json({
        before: args.before,
        after: args.after,
        commonObjects: common,
        grownClasses: grown.length,
        shrunkClasses: shrunk,
        classes: shown.map(({ addedIds, ...r }) => ({ ...r, sampleIds: addedIds.slice(0, 20) })),
        chains,
      });
      return;
    }
    if (shown.length === 0) {
      out.line('no class grew');
      return;
    }
    out.table(
      ['Class', 'Before', 'After', 'Delta', 'New', 'Deleted', 'Size delta'],
      shown.map((r) => [
        safeText(r.className),
        r.countBefore,
        r.countAfter,
        formatDelta(r.delta),
        r.added,
        r.deleted,
        formatDelta(r.sizeDelta, formatBytes),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    );
    out.line(out.colors.dim(`${grown.length} classes grew, ${shrunk} shrank`));
    for (const c of chains) {
      out.line();
      out.line(`${out.colors.bold(safeText(c.className))}: why is new object @${c.nodeId} alive?`);
      printChain(out, c);
    }
  },
});

/** A retainer chain of one new instance of a grown class, preferring the one closest to a root. */
function explainNew(a: SnapshotAnalysis, row: ClassDiff): { nodeId: number; chain: ChainJson } | null {
  const { distance } = a.paths;
  let best = -1;
  for (const id of row.addedIds.slice(0, SAMPLE_CANDIDATES)) {
    const n = a.snapshot.nodeIndexById(id);
    if (n < 0 || distance[n] === NO_DISTANCE) continue;
    if (best < 0 || distance[n] < distance[best]) best = n;
  }
  if (best < 0) return null;
  const chain = retainerChain(a.snapshot, a.paths, best);
  return chain ? { nodeId: a.snapshot.id(best), chain: chainToJson(a, chain) } : null;
}

/** Objects present in both snapshots, by id. */
function commonIds(x: HeapSnapshot, y: HeapSnapshot): number {
  const a = x.nodeId.slice().sort();
  const b = y.nodeId.slice().sort();
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}
