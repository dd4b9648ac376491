// V8's allocation tracker, for `--allocations`: from `start` on, every new object is
// charged to the JS stack that allocated it, and heap snapshots carry those stacks.
import type { CdpSession } from './cdp.js';

/**
 * V8 flags a browser needs for allocation stacks to be true (each checked against
 * `--js-flags=--help` of Chromium 156; V8 only warns on stderr about an unknown flag):
 * - `--no-compact`: a compacting GC moves objects, and the tracker then loses their stack
 *   or, worse, hands them the stack of whatever was allocated at the new address first
 *   (measured: 320 of 600 tracked objects were charged to an unrelated function).
 * - `--no-turbo-inlining`, `--no-maglev-inlining`: optimized code that inlines `f` into
 *   its caller charges `f`'s allocations to the caller, so hot code loses its own frame.
 */
export const ALLOCATION_TRACKING_JS_FLAGS: readonly string[] = ['--no-compact', '--no-turbo-inlining', '--no-maglev-inlining'];

/**
 * Chromium takes one `--js-flags` switch (the last wins), so extra V8 flags are merged
 * into an existing one rather than added beside it.
 */
export function withJsFlags(args: readonly string[], flags: readonly string[]): string[] {
  const out = [...args];
  const at = out.findIndex((a) => a.startsWith('--js-flags='));
  if (at < 0) return [...out, `--js-flags=${flags.join(' ')}`];
  const have = out[at].slice('--js-flags='.length).split(/\s+/).filter(Boolean);
  out[at] = `--js-flags=${[...have, ...flags.filter((f) => !have.includes(f))].join(' ')}`;
  return out;
}

/** Starts recording allocation stacks; they appear in every snapshot taken from now on. */
export async function startAllocationTracking(cdp: CdpSession): Promise<void> {
  await cdp.send('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
}

/**
 * Stops recording. V8 writes a full snapshot as it stops, so this is only worth its cost
 * when the session stays open; detaching the session stops tracking for free.
 */
export async function stopAllocationTracking(cdp: CdpSession): Promise<void> {
  await cdp.send('HeapProfiler.stopTrackingHeapObjects', { reportProgress: false });
}
