// `leakhound at SNAP ID`: everything about one object (objgraph's at(), which returns the
// object for an id): what it is, what it costs, what it points to, and what points to it.
import { edgesOf, nodeView, retainersOf, type EdgeView } from '../../heap/node-view.js';
import { NO_DISTANCE, SYSTEM_DISTANCE } from '../../heap/paths.js';
import { NO_NODE } from '../../heap/snapshot.js';
import { edgeLabel } from '../../graph/edge-label.js';
import { defineCommand, positiveInt, withJson } from '../command.js';
import { SnapshotAnalysis } from '../heap-input.js';
import { formatBytes, safeText, type Output } from '../output.js';

export const atCommand = defineCommand({
  command: 'at <snapshot> <id>',
  describe: 'one object by id: class, sizes, its edges and its retainers',
  builder: (y) =>
    withJson(
      y
        .positional('snapshot', { type: 'string', demandOption: true, describe: '.heapsnapshot file' })
        .positional('id', { type: 'string', demandOption: true, describe: 'object id, @123 or 123' })
        .option('limit', {
          type: 'number',
          default: 25,
          describe: 'how many edges and retainers to list',
          coerce: positiveInt('limit'),
        })
        .example('$0 at page.heapsnapshot @1234', ''),
    ),
  async run(args, { out }) {
    const a = await SnapshotAnalysis.load(args.snapshot);
    const s = a.snapshot;
    const node = a.nodeByIdArg(args.id);
    const ctx = { dominators: a.dominators, paths: a.paths, detachedness: a.detachedness };
    const view = nodeView(s, node, ctx);
    const edges = edgesOf(s, node, ctx);
    const retainers = retainersOf(s, node, ctx);
    const idom = a.dominators.idom[node];
    const dominator = idom === NO_NODE || idom === node ? null : { id: s.id(idom), className: a.className(idom) };
    const d = a.paths.distance[node];
    if (args.json) {
      const slim = (e: EdgeView) => ({
        edgeType: e.edgeType,
        edgeName: e.edgeName,
        nodeId: e.node.id,
        className: e.node.className,
        selfSize: e.node.selfSize,
        retainedSize: e.node.retainedSize,
        ...(e.skippedBecause ? { skippedBecause: e.skippedBecause } : {}),
      });
      out.json({
        snapshot: args.snapshot,
        object: { ...view, fromGcRoot: d !== NO_DISTANCE && d >= SYSTEM_DISTANCE, dominator },
        edges: { total: edges.length, shown: edges.slice(0, args.limit).map(slim) },
        retainers: { total: retainers.length, shown: retainers.slice(0, args.limit).map(slim) },
      });
      return;
    }
    const c = out.colors;
    out.line(`${c.bold(a.label(node))} ${c.dim(`@${view.id}`)}`);
    const facts: [string, string][] = [
      ['type', view.type],
      ['self size', formatBytes(view.selfSize)],
      ['retained size', formatBytes(view.retainedSize ?? view.selfSize)],
      [
        'distance',
        d === NO_DISTANCE
          ? 'no retainer chain (held only weakly or by internals)'
          : d >= SYSTEM_DISTANCE
            ? `${d - SYSTEM_DISTANCE} from a GC root`
            : `${d} from the page's window`,
      ],
    ];
    if (dominator) facts.push(['dominator', `${a.label(idom)} @${dominator.id}`]);
    if (view.detached) facts.push(['detached', 'yes (DOM node no longer in a document)']);
    for (const [k, v] of facts) out.line(`  ${c.dim(k.padEnd(15))}${v}`);
    listEdges(out, a, 'Edges', edges, args.limit, 'to');
    listEdges(out, a, 'Retainers', retainers, args.limit, 'from');
  },
});

function listEdges(out: Output, a: SnapshotAnalysis, title: string, edges: EdgeView[], limit: number, dir: 'to' | 'from'): void {
  out.line();
  out.line(`${out.colors.bold(title)} (${edges.length.toLocaleString('en-US')})`);
  if (edges.length === 0) return;
  const rows = edges.slice(0, limit).map((e) => [
    safeText(edgeLabel(e.edgeType, e.edgeName), 50),
    `${dir === 'to' ? '→' : '←'} ${a.label(e.node.index)} @${e.node.id}`,
    formatBytes(e.node.retainedSize ?? e.node.selfSize),
    e.skippedBecause ? out.colors.dim(`skipped: ${e.skippedBecause}`) : '',
  ]);
  out.table(['Edge', dir === 'to' ? 'Object' : 'Retainer', 'Retained', ''], rows, ['left', 'left', 'right', 'left']);
  if (edges.length > limit) out.line(out.colors.dim(`… ${edges.length - limit} more (--limit)`));
}
