// `leakhound by-type SNAP CLASS`: objgraph's by_type(), the instances of one class with
// what each costs and how far it is from a root, largest retained size first.
import { NO_DISTANCE, SYSTEM_DISTANCE } from '../../heap/paths.js';
import { nodesOfClass } from '../../heap/stats.js';
import { defineCommand, positiveInt, withJson } from '../command.js';
import { SnapshotAnalysis } from '../heap-input.js';
import { formatBytes, safeText } from '../output.js';

export const byTypeCommand = defineCommand({
  command: 'by-type <snapshot> <class>',
  describe: 'the objects of one class: id, self and retained size, distance from a root',
  builder: (y) =>
    withJson(
      y
        .positional('snapshot', { type: 'string', demandOption: true, describe: '.heapsnapshot file' })
        .positional('class', { type: 'string', demandOption: true, describe: 'class name as `types` lists it' })
        .option('limit', { type: 'number', default: 20, describe: 'how many objects to list', coerce: positiveInt('limit') })
        .example('$0 by-type page.heapsnapshot Foo --limit 5', 'the five Foo objects that retain the most'),
    ),
  async run(args, { out }) {
    const a = await SnapshotAnalysis.load(args.snapshot);
    const name = a.requireClass(args.class);
    const s = a.snapshot;
    const { retainedSize } = a.dominators;
    const { distance } = a.paths;
    const nodes = nodesOfClass(s, name, { classes: a.classes });
    nodes.sort((x, y) => retainedSize[y] - retainedSize[x] || s.nodeId[x] - s.nodeId[y]);
    const shown = nodes.slice(0, args.limit).map((n) => ({
      id: s.id(n),
      name: s.name(n),
      selfSize: s.selfSize(n),
      retainedSize: retainedSize[n],
      ...describeDistance(distance[n]),
    }));
    if (args.json) {
      out.json({ snapshot: args.snapshot, className: name, count: nodes.length, objects: shown });
      return;
    }
    out.line(
      `${out.colors.bold(safeText(name))}: ${nodes.length.toLocaleString('en-US')} object${nodes.length === 1 ? '' : 's'}` +
        (shown.length < nodes.length ? `, the ${shown.length} that retain the most:` : ''),
    );
    out.table(
      ['Id', 'Self size', 'Retained size', 'Distance'],
      shown.map((o) => [`@${o.id}`, formatBytes(o.selfSize), formatBytes(o.retainedSize), distanceText(o)]),
      ['left', 'right', 'right', 'right'],
    );
  },
});

interface DistanceInfo {
  /** Edges from the chain start; null when no chain reaches the object. */
  distance: number | null;
  /** The chain starts at a V8/Blink GC root rather than at the page's window. */
  fromGcRoot: boolean;
}

function describeDistance(d: number): DistanceInfo {
  if (d === NO_DISTANCE) return { distance: null, fromGcRoot: false };
  if (d >= SYSTEM_DISTANCE) return { distance: d - SYSTEM_DISTANCE, fromGcRoot: true };
  return { distance: d, fromGcRoot: false };
}

function distanceText(o: DistanceInfo): string {
  if (o.distance === null) return 'no chain';
  return o.fromGcRoot ? `${o.distance} (GC root)` : String(o.distance);
}
