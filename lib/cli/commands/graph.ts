// `leakhound graph SNAP ID... -o FILE`: objgraph's show_backrefs. Writes the retainers of
// the given objects as a Graphviz graph, DOT or SVG by the file's extension.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from '../../errors.js';
import { NO_DISTANCE } from '../../heap/paths.js';
import { NO_NODE } from '../../heap/snapshot.js';
import { collectBackrefs } from '../../graph/backrefs.js';
import { backrefsToDot } from '../../graph/backrefs-dot.js';
import { renderSvg } from '../../graph/render-svg.js';
import { defineCommand, positiveInt, withJson } from '../command.js';
import { SnapshotAnalysis } from '../heap-input.js';
import { formatBytes } from '../output.js';

export const graphCommand = defineCommand({
  command: 'graph <snapshot> <id..>',
  describe: 'draw what retains some objects, as an SVG or DOT graph',
  builder: (y) =>
    withJson(
      y
        .positional('snapshot', { type: 'string', demandOption: true, describe: '.heapsnapshot file' })
        .positional('id', { type: 'string', array: true, demandOption: true, default: undefined, describe: 'object ids, @123 or 123' })
        .option('output', {
          alias: 'o',
          type: 'string',
          demandOption: true,
          describe: 'file to write: .svg (rendered in-process) or .dot',
        })
        .option('max-depth', {
          type: 'number',
          default: 3,
          describe: 'levels of retainers to draw',
          coerce: positiveInt('max-depth'),
        })
        .option('too-many', {
          type: 'number',
          default: 10,
          describe: 'retainers drawn per object; the rest become one "+N more" node',
          coerce: positiveInt('too-many'),
        })
        .example('$0 graph page.heapsnapshot @1234 -o leak.svg', '')
        .example('$0 graph page.heapsnapshot @1 @2 --max-depth 6 -o leak.dot', ''),
    ),
  async run(args, { out }) {
    const output = args.output;
    const format = extname(output).toLowerCase();
    if (format !== '.svg' && format !== '.dot') {
      throw new UsageError(`-o ${output}: the file must end in .svg or .dot (see leakhound graph --help)`);
    }
    const a = await SnapshotAnalysis.load(args.snapshot);
    const s = a.snapshot;
    const targets = args.id.map((id) => a.nodeByIdArg(id));
    const { parentEdge, distance, skip } = a.paths;
    const { retainedSize } = a.dominators;
    const graph = collectBackrefs(s, targets, {
      maxDepth: args.maxDepth,
      tooMany: args.tooMany,
      skipEdge: skip,
      distance,
      isRoot: (n) => parentEdge[n] === NO_NODE && distance[n] !== NO_DISTANCE,
      describe: (n) => [a.label(n), `@${s.id(n)}  ${formatBytes(s.selfSize(n))} / ${formatBytes(retainedSize[n])}`],
    });
    const title = `Retainers of ${targets.map((t) => `${a.className(t)} @${s.id(t)}`).join(', ')} (self / retained size)`;
    const dot = backrefsToDot(graph, { title });
    await writeFile(output, format === '.svg' ? await renderSvg(dot) : dot);
    const objects = graph.nodes.filter((n) => n.node !== null).length;
    if (args.json) {
      out.json({ snapshot: args.snapshot, output, format: format.slice(1), objects, references: graph.edges.length });
      return;
    }
    out.line(`wrote ${output} (${objects} object${objects === 1 ? '' : 's'}, ${graph.edges.length} references)`);
  },
});
