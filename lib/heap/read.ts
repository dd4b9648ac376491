// Reads a heap snapshot from a file or any stream of chunks into a HeapSnapshot, one chunk
// at a time: memory holds the columns, never the file's text.
import fs from 'node:fs';
import { HeapSnapshotError } from './errors.js';
import { HeapSnapshotParser } from './parser.js';
import { prefault, type Prefault } from './prefault.js';
import type { HeapSnapshot } from './snapshot.js';

export interface ReadHeapSnapshotOptions {
  /** Names the input in error messages; defaults to the file path. */
  source?: string;
  /**
   * Files from this size on get their columns faulted in by a helper thread ahead of the
   * parser (prefault.ts); default 16 MiB, Infinity for never.
   */
  prefaultFrom?: number;
}

export type SnapshotChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Large reads: fewer chunk hand-offs, and still only 1 MiB in flight. */
const READ_CHUNK = 1 << 20;
/** Below this, starting a helper thread costs more than the faults it takes over. */
const PREFAULT_MIN_BYTES = 16 << 20;

/** `input` is a file path, or the snapshot's chunks in order (e.g. from CDP). */
export async function readHeapSnapshot(
  input: string | SnapshotChunks,
  opts: ReadHeapSnapshotOptions = {},
): Promise<HeapSnapshot> {
  if (typeof input !== 'string') return parseHeapSnapshotChunks(input, opts);
  const file = input;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (e) {
    throw cannotRead(file, e);
  }
  try {
    return await parseFile(handle, opts.source ?? file, opts.prefaultFrom ?? PREFAULT_MIN_BYTES);
  } catch (e) {
    if (e instanceof HeapSnapshotError) throw e;
    throw cannotRead(file, e);
  } finally {
    await handle.close();
  }
}

/**
 * Two buffers, refilled in turn: the next read runs on libuv's thread pool while the parser
 * works on the current chunk, and the parser is done with a chunk when `write` returns, so
 * a file needs no fresh 1 MiB buffer per read (a stream allocates one each time, and the
 * garbage collector pays for them all). On a big file, a helper thread faults the columns'
 * pages in while the parser fills them (prefault.ts).
 */
async function parseFile(handle: fs.promises.FileHandle, source: string, prefaultFrom: number): Promise<HeapSnapshot> {
  const { size } = await handle.stat();
  const shared = size >= prefaultFrom;
  const parser = new HeapSnapshotParser({ source, byteLength: size, sharedColumns: shared });
  let helper: Prefault | null = null;
  let pending = shared;
  const bufs = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
  let k = 0;
  let next = handle.read(bufs[0], 0, READ_CHUNK, null);
  try {
    for (;;) {
      const { bytesRead } = await next;
      if (bytesRead === 0) break;
      const buf = bufs[k];
      k ^= 1;
      next = handle.read(bufs[k], 0, READ_CHUNK, null);
      try {
        parser.write(bytesRead === READ_CHUNK ? buf : buf.subarray(0, bytesRead));
      } catch (e) {
        // Let the read in flight finish before the handle closes.
        await next.catch(() => undefined);
        throw e;
      }
      if (pending && parser.hasLayout) {
        pending = false;
        const cols = parser.columnBuffers();
        // The parser is filling the node columns from their start: meet it from their end.
        // The edges come next in the file, untouched until the nodes are done.
        if (cols) helper = prefault([...cols.nodes.map((buffer) => ({ buffer, fromEnd: true })), ...cols.edges.map((buffer) => ({ buffer }))]);
      }
    }
  } finally {
    helper?.stop();
  }
  return parser.end();
}

/** Feeds chunks to a parser as they come; a CDP capture can hand its events over directly. */
export async function parseHeapSnapshotChunks(chunks: SnapshotChunks, opts: ReadHeapSnapshotOptions = {}): Promise<HeapSnapshot> {
  const parser = new HeapSnapshotParser({ source: opts.source });
  for await (const chunk of chunks) parser.write(chunk);
  return parser.end();
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent is not a directory',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
};

function cannotRead(file: string, e: unknown): HeapSnapshotError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && REASONS[code]) ?? (e instanceof Error ? e.message : String(e));
  const err = new HeapSnapshotError(`cannot read ${file}: ${reason}`);
  err.source = file;
  return err;
}
