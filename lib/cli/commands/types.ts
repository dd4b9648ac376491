// `leakhound types SNAP`: objgraph's most_common_types, with DevTools' class names and sizes.
import { classStatistics, type ClassStat } from '../../heap/stats.js';
import { defineCommand, positiveInt, withJson } from '../command.js';
import { SnapshotAnalysis } from '../heap-input.js';
import { formatBytes, safeText } from '../output.js';

const SORT_KEYS = ['count', 'self', 'retained'] as const;
type SortKey = (typeof SORT_KEYS)[number];

export const typesCommand = defineCommand({
  command: 'types <snapshot>',
  describe: 'the most common classes: count, self size, retained size',
  builder: (y) =>
    withJson(
      y
        .positional('snapshot', { type: 'string', demandOption: true, describe: '.heapsnapshot file' })
        .option('top', { type: 'number', default: 20, describe: 'how many classes to list', coerce: positiveInt('top') })
        .option('sort', { choices: SORT_KEYS, default: 'count' as SortKey, describe: 'order by' })
        .example('$0 types page.heapsnapshot --top 10', '')
        .example('$0 types page.heapsnapshot --sort retained', 'what holds the most memory'),
    ),
  async run(args, { out }) {
    const a = await SnapshotAnalysis.load(args.snapshot);
    const stats = classStatistics(a.snapshot, { classes: a.classes, dominators: a.dominators });
    const sorted = sortStats(stats, args.sort);
    const shown = sorted.slice(0, args.top);
    const objects = stats.reduce((n, c) => n + c.count, 0);
    const bytes = stats.reduce((n, c) => n + c.selfSize, 0);
    if (args.json) {
      out.json({ snapshot: args.snapshot, classCount: stats.length, objectCount: objects, selfSize: bytes, classes: shown });
      return;
    }
    out.table(
      ['Class', 'Count', 'Self size', 'Retained size'],
      shown.map((c) => [safeText(c.className), c.count, formatBytes(c.selfSize), formatBytes(c.retainedSize)]),
      ['left', 'right', 'right', 'right'],
    );
    out.line(
      out.colors.dim(
        `${shown.length} of ${stats.length.toLocaleString('en-US')} classes; ` +
          `${objects.toLocaleString('en-US')} objects, ${formatBytes(bytes)} in total`,
      ),
    );
  },
});

function sortStats(stats: ClassStat[], key: SortKey): ClassStat[] {
  if (key === 'count') return stats; // classStatistics already orders by count
  const field = key === 'self' ? 'selfSize' : 'retainedSize';
  return [...stats].sort((x, y) => y[field] - x[field] || y.count - x.count);
}
