// Reads a heap snapshot from a file or any stream of chunks into a HeapSnapshot, one chunk
// at a time: memory holds the columns, never the file's text.
import fs from 'node:fs';
import { HeapSnapshotError } from './errors.js';
import { HeapSnapshotParser } from './parser.js';
import type { HeapSnapshot } from './snapshot.js';

export interface ReadHeapSnapshotOptions {
  /** Names the input in error messages; defaults to the file path. */
  source?: string;
}

export type SnapshotChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Large reads: fewer chunk hand-offs, and still only 1 MiB in flight. */
const READ_CHUNK = 1 << 20;

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
    return await parseFile(handle, opts.source ?? file);
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
 * garbage collector pays for them all).
 */
async function parseFile(handle: fs.promises.FileHandle, source: string): Promise<HeapSnapshot> {
  const { size } = await handle.stat();
  const parser = new HeapSnapshotParser({ source, byteLength: size });
  const bufs = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
  let k = 0;
  let next = handle.read(bufs[0], 0, READ_CHUNK, null);
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
