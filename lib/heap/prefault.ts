// Touching fresh memory on another thread before the parser writes it. The first write to
// each 4 KiB page of a new buffer is a page fault, and on big snapshots those faults are a
// large part of the parse (on a 2-core VM, 12 µs a page: 130 ms for the 44 MB of node and
// edge columns of a 74 MB snapshot). Faults in different threads are handled in parallel,
// so a helper thread walks the columns the parser has just allocated, one write per page,
// while the parser is busy with what comes before them in the file.
//
// The helper writes with Atomics.or(…, 0): an atomic read-modify-write that leaves the
// value as it is, so a page the parser is writing at the same moment keeps its data. The
// helper is plain JavaScript given as a string: no module to resolve, so it starts the same
// from the compiled library, the CLI bundle and the TypeScript sources.
import { Worker } from 'node:worker_threads';

const PAGE = 4096;

const HELPER = `
const { parentPort, workerData } = require('node:worker_threads');
for (const { buffer, fromEnd } of workerData) {
  const bytes = new Uint8Array(buffer);
  const pages = Math.ceil(bytes.length / ${PAGE});
  for (let k = 0; k < pages; k++) {
    const p = fromEnd ? pages - 1 - k : k;
    Atomics.or(bytes, p * ${PAGE}, 0);
  }
}
parentPort.postMessage('done');
`;

export interface PrefaultRegion {
  buffer: SharedArrayBuffer;
  /** Walk from the last page down: for a buffer the parser is already filling from the start. */
  fromEnd?: boolean;
}

export interface Prefault {
  /** Stops the helper; pages it has not reached are faulted by whoever writes them first, as usual. */
  stop(): void;
  /** True once every page was touched; false if the helper stopped or failed first. */
  done: Promise<boolean>;
}

/** Starts touching `regions`, in order, on a helper thread. */
export function prefault(regions: PrefaultRegion[]): Prefault {
  let worker: Worker;
  try {
    worker = new Worker(HELPER, { eval: true, workerData: regions });
  } catch {
    return { stop: () => undefined, done: Promise.resolve(false) };
  }
  // A parse that ends first does not wait for the helper.
  worker.unref();
  const done = new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    // A helper that fails only loses the head start.
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  return { stop: () => void worker.terminate(), done };
}
