// Typed errors of the heap engine. The CLI maps them to exit code 2 and prints `message`
// as one line; nothing here decides how the process ends.

/** The input is not a readable V8 heap snapshot (truncated, corrupt, wrong format). */
export class HeapSnapshotError extends Error {
  override name = 'HeapSnapshotError';
  /** File path or stream label, when known; prefixed to the message by `withSource`. */
  source?: string;

  constructor(message: string, source?: string) {
    super(source ? `${source}: ${message}` : message);
    this.source = source;
  }

  /** The same error, naming where the bytes came from. */
  withSource(source: string): HeapSnapshotError {
    if (this.source) return this;
    const e = new HeapSnapshotError(this.message, source);
    return e;
  }
}

/** A query named something the snapshot does not hold (an unknown id or class). */
export class HeapQueryError extends Error {
  override name = 'HeapQueryError';
}
