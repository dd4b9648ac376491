// Errors of the analysis layer, in a module of their own: the CLI's exit-code mapping
// (cli/exit.ts) checks for them on every command without loading the verdict pipeline.

/** The verdict's input cannot describe a hunt (e.g. a half with no iteration). */
export class VerdictInputError extends Error {
  override name = 'VerdictInputError';
}
