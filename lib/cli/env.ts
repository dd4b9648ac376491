// Facts about the process the CLI runs in: our version, and whether to colour output.
import { readFileSync } from 'node:fs';

/** The package version (dist/cli/env.js and lib/cli/env.ts both sit two levels below the root). */
export function toolVersion(): string {
  // The CLI bundle (scripts/bundle-cli.mjs) relies on this path too: this code runs there
  // from a chunk in dist/bundle/, which must therefore also sit two levels below the root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * `--color` / `--no-color` win; otherwise NO_COLOR (https://no-color.org) turns colour off,
 * FORCE_COLOR on, and the default is "only when the stream is a terminal".
 */
export function useColor(
  flag?: boolean,
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
