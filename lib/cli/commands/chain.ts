// `leakhound chain SNAP ID`: why is this object alive? The shortest retainer chain from a
// root (the page's window when one exists), skipping weak references and leakhound's own
// footprint. Finding no chain is an answer, not an error: exit 0.
import { NO_DISTANCE, retainerChain } from '../../heap/paths.js';
import { chainToJson, printChain } from '../chain-text.js';
import { defineCommand, positiveInt, withJson } from '../command.js';
import { SnapshotAnalysis } from '../heap-input.js';

export const chainCommand = defineCommand({
  command: 'chain <snapshot> <id>',
  describe: 'the shortest retainer chain from a root to one object',
  builder: (y) =>
    withJson(
      y
        .positional('snapshot', { type: 'string', demandOption: true, describe: '.heapsnapshot file' })
        .positional('id', { type: 'string', demandOption: true, describe: 'object id, @123 or 123' })
        .option('max-depth', {
          type: 'number',
          describe: 'longest chain to look for, in references (default: no limit)',
          coerce: positiveInt('max-depth'),
        })
        .example('$0 chain page.heapsnapshot @1234', ''),
    ),
  async run(args, { out }) {
    const a = await SnapshotAnalysis.load(args.snapshot);
    const node = a.nodeByIdArg(args.id);
    const s = a.snapshot;
    const maxDepth = args.maxDepth;
    const chain = retainerChain(s, a.paths, node, maxDepth === undefined ? {} : { maxDepth });
    const target = { id: s.id(node), className: a.className(node), label: a.label(node) };
    if (!chain) {
      const why = a.paths.distance[node] === NO_DISTANCE ? noChainReason(a, node) : `no retainer chain within ${maxDepth} steps`;
      if (args.json) out.json({ snapshot: args.snapshot, object: target, found: false, reason: why, maxDepth: maxDepth ?? null });
      else out.line(`${target.label} @${target.id}: ${why}`);
      return;
    }
    const json = chainToJson(a, chain);
    if (args.json) {
      out.json({ snapshot: args.snapshot, object: target, found: true, length: chain.length - 1, ...json });
      return;
    }
    printChain(out, json);
  },
});

/** Why the search found nothing at any depth, from what the object's retainers are. */
function noChainReason(a: SnapshotAnalysis, node: number): string {
  const { firstRetainer, retainerEdge } = a.snapshot.retainers;
  if (firstRetainer[node] === firstRetainer[node + 1]) {
    return 'no retainer chain: nothing references it (garbage not yet collected)';
  }
  const reasons = new Set<string>();
  for (let r = firstRetainer[node]; r < firstRetainer[node + 1]; r++) {
    const e = retainerEdge[r];
    if (!a.paths.skip[e]) continue;
    reasons.add(a.filter.reasonOf(e)?.reason ?? 'WeakMap/WeakSet entry (lives only as long as its key)');
  }
  if (reasons.size === 0) return 'no retainer chain: its retainers are themselves held only weakly or by internals';
  return `no retainer chain: every reference to it is skipped (${[...reasons].join('; ')})`;
}
