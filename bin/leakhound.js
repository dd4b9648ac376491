#!/usr/bin/env node
// The installed command. All logic lives in the compiled library (npm run build → dist/);
// this file only hands over the arguments and sets the exit code. It runs the CLI's esbuild
// bundle (dist/bundle/, see scripts/bundle-cli.mjs), which starts faster than dist/cli/.

// `leakhound types x | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

let cli;
try {
  cli = await import('../dist/bundle/main.js');
} catch (err) {
  // A source checkout that was never built: say what to do instead of a module stack.
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
    process.stderr.write('leakhound: not built yet (run `npm run build`)\n');
    process.exit(3);
  }
  throw err;
}
process.exitCode = await cli.runCli(process.argv.slice(2));
