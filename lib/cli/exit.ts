// Turns whatever a command threw into the one line the user reads and the exit code the
// help documents. User errors never show a stack; bugs say how to get one.
import { ExitCode, LeakhoundError } from '../errors.js';
import { HeapQueryError, HeapSnapshotError } from '../heap/errors.js';
import { VerdictInputError } from '../analysis/errors.js';

export interface ExitReport {
  code: number;
  /** Without the `leakhound: ` prefix; may span lines only when `debug` asked for the stack. */
  message: string;
}

/** File-system failures on paths the user typed are input errors, not crashes. */
const INPUT_ERRNO = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'ENAMETOOLONG', 'ELOOP']);

export function describeFailure(err: unknown, opts: { debug?: boolean } = {}): ExitReport {
  if (err instanceof LeakhoundError) return { code: err.exitCode, message: oneLine(err.message) };
  // A verdict asked of inputs that cannot be judged (an empty half) is the caller's input.
  if (err instanceof HeapSnapshotError || err instanceof HeapQueryError || err instanceof VerdictInputError) {
    return { code: ExitCode.usage, message: oneLine(err.message) };
  }
  const errno = (err as NodeJS.ErrnoException | null)?.code;
  if (err instanceof Error && typeof errno === 'string' && INPUT_ERRNO.has(errno)) {
    return { code: ExitCode.usage, message: oneLine(errnoMessage(err as NodeJS.ErrnoException)) };
  }
  if (opts.debug && err instanceof Error && err.stack) return { code: ExitCode.failed, message: err.stack };
  const text = err instanceof Error ? `${err.name}: ${err.message}` : `unexpected failure: ${String(err)}`;
  return { code: ExitCode.failed, message: `${oneLine(text)} (run with LEAKHOUND_DEBUG=1 for the stack)` };
}

/** `ENOENT: no such file or directory, open 'x'` → `x: no such file or directory` (reads and writes alike). */
function errnoMessage(err: NodeJS.ErrnoException): string {
  const reason = err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return err.path ? `${err.path}: ${reason}` : reason;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
