// `leakhound count SNAP CLASS`: objgraph's count(), one number on stdout.
import { countByClass } from '../../heap/stats.js';
import { defineCommand, withJson } from '../command.js';
import { SnapshotAnalysis } from '../heap-input.js';

export const countCommand = defineCommand({
  command: 'count <snapshot> <class>',
  describe: 'how many objects of a class the snapshot holds',
  builder: (y) =>
    withJson(
      y
        .positional('snapshot', { type: 'string', demandOption: true, describe: '.heapsnapshot file' })
        .positional('class', { type: 'string', demandOption: true, describe: 'class name as `types` lists it' })
        .example("$0 count page.heapsnapshot 'Detached <div>'", ''),
    ),
  async run(args, { out }) {
    const a = await SnapshotAnalysis.load(args.snapshot);
    const name = a.requireClass(args.class);
    const count = countByClass(a.snapshot, name, { classes: a.classes });
    if (args.json) out.json({ snapshot: args.snapshot, className: name, count });
    else out.line(String(count));
  },
});
