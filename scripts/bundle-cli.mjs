// `npm run build:bundle` (part of `npm run build`, after tsc): the CLI as an esbuild bundle
// in dist/bundle/, which bin/leakhound.js runs. Node's ESM loader spends most of an offline
// verb's startup resolving the many small files of yargs and its dependencies; one bundle
// with a chunk per lazily loaded verb avoids that. The library entry points (leakhound,
// leakhound/playwright, leakhound/testing) stay plain tsc output in dist/.
//
// dist/bundle/ must stay two levels below the package root, like dist/cli/: cli/env.ts
// reads `../../package.json` relative to the running file.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = 'dist/bundle';

// Pure JavaScript, bundled. Everything else we depend on stays an import from
// node_modules: puppeteer (its Chromium), @hpcc-js (WASM), tsx (loader hooks registered by
// file), listr2 and the rest load files or binaries relative to their own location, and
// keeping them out also keeps a dependency added later out of the bundle until chosen.
const BUNDLED = ['yargs', 'cli-table3', 'picocolors'];
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [
  ...Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter((name) => !BUNDLED.includes(name)),
  'puppeteer*',
  '@puppeteer/*',
  'listr2',
  '@hpcc-js/*',
  '@jridgewell/*',
  'tsx',
  'lighthouse',
  'playwright*',
  '@playwright/*',
];

// A worker_threads entry, were one added, would be another entry point here: it must land
// next to the chunks under its own name (entryNames) for `new URL('./x.js', import.meta.url)`.
const entryPoints = ['dist/cli/main.js'];

rmSync(`${root}/${outdir}`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: true,
  // Bundled CommonJS (cli-table3, parts of yargs' dependencies) calls require() for Node's
  // built-ins; ESM has no require, so each output file gets one.
  banner: { js: "import { createRequire as __leakhoundCreateRequire } from 'node:module'; const require = __leakhoundCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
