// Typed errors outside the heap engine. Each carries the exit code the CLI documents, so
// library callers can branch on `instanceof` and the CLI needs no string matching.

export const ExitCode = {
  ok: 0,
  leaksFound: 1,
  usage: 2,
  failed: 3,
} as const;

export class LeakhoundError extends Error {
  override name = 'LeakhoundError';
  readonly exitCode: number = ExitCode.usage;
}

/** A wrong flag, a missing file, a scenario file that does not load. Exit 2. */
export class UsageError extends LeakhoundError {
  override name = 'UsageError';
  override readonly exitCode = ExitCode.usage;
}

/** No browser found, the browser failed to start or crashed. Exit 3. */
export class BrowserError extends LeakhoundError {
  override name = 'BrowserError';
  override readonly exitCode = ExitCode.failed;
}

/** A scenario step threw, a page did not load or crashed. Exit 3. */
export class ScenarioError extends LeakhoundError {
  override name = 'ScenarioError';
  override readonly exitCode = ExitCode.failed;
  constructor(
    message: string,
    readonly scenario: string,
    readonly step: string,
  ) {
    super(message);
  }
}
