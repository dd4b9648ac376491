// `--allocations` in a hunt: turns the final snapshot's allocation traces into each leak's
// allocation stacks, with every frame mapped through its script's source map.
import type { HeapSnapshot } from '../heap/snapshot.js';
import { HeapSnapshotError } from '../heap/errors.js';
import { allocationStacks, findCallSite, lineStarts, offsetOf, positionOf, type GeneratedFrame } from '../analysis/allocation-sites.js';
import type { AllocationFrame, AllocationSite, Leak } from '../analysis/result.js';
import type { ScriptCatalog } from '../browser/scripts.js';
import type { SourceMaps } from '../browser/source-maps.js';

export interface AllocationContext {
  scripts: ScriptCatalog;
  maps: SourceMaps;
  hiddenScriptIds?: Iterable<number>;
}

/** Fills `allocations` on each leak whose headline class has tracked instances. */
export async function attachAllocationSites(final: HeapSnapshot, leaks: Leak[], ctx: AllocationContext): Promise<void> {
  if (!leaks.length) return;
  let stacks: ReturnType<typeof allocationStacks>;
  try {
    stacks = allocationStacks(final, leaks.map((l) => l.headline), { hiddenScriptIds: ctx.hiddenScriptIds });
  } catch (err) {
    // Malformed trace sections cost the stacks, never the verdict already computed.
    if (err instanceof HeapSnapshotError) return;
    throw err;
  }
  if (!stacks) return;
  const texts = new Map<number, Promise<ScriptText | undefined>>();
  const text = (scriptId: number, url: string) => {
    let p = texts.get(scriptId);
    if (!p) texts.set(scriptId, (p = scriptText(ctx.scripts, scriptId, url)));
    return p;
  };
  for (const leak of leaks) {
    const sites = stacks.get(leak.headline);
    if (!sites?.length) continue;
    leak.allocations = await Promise.all(
      sites.map(async (site): Promise<AllocationSite> => ({
        count: site.count,
        frames: await Promise.all(
          site.frames.map((f, k) => resolveFrame(f, k === 0 ? leak.headline : site.frames[k - 1].functionName, k === 0, ctx, text)),
        ),
      })),
    );
  }
}

interface ScriptText {
  source: string;
  starts: number[];
  startLine: number;
  startColumn: number;
}

async function scriptText(scripts: ScriptCatalog, scriptId: number, url: string): Promise<ScriptText | undefined> {
  const info = await scripts.info(scriptId, url);
  const source = await scripts.source(scriptId);
  if (!info || source === undefined) return undefined;
  return { source, starts: lineStarts(source), startLine: info.startLine, startColumn: info.startColumn };
}

async function resolveFrame(
  f: GeneratedFrame,
  callee: string,
  construct: boolean,
  ctx: AllocationContext,
  text: (scriptId: number, url: string) => Promise<ScriptText | undefined>,
): Promise<AllocationFrame> {
  const frame: AllocationFrame = { functionName: f.functionName, file: f.url, line: f.line + 1, column: f.column + 1 };
  if (f.scriptId === 0 || f.line < 0) return { ...frame, line: 0, column: 0 };
  let line = f.line;
  let column = f.column;
  const t = await text(f.scriptId, f.url);
  if (t) {
    // Trace positions are document positions; the script's own text starts at its offset.
    const l = line - t.startLine;
    const start = offsetOf(t.starts, l, l === 0 ? column - t.startColumn : column);
    if (start >= 0) {
      // The script's top-level code is an anonymous function starting at its first character.
      const whole = start === 0 && !f.functionName;
      const at = whole ? findInWhole(t.source, callee, construct) : findCallSite(t.source, start, callee, construct);
      if (at >= 0) {
        const p = positionOf(t.starts, at);
        line = p.line + t.startLine;
        column = p.line === 0 ? p.column + t.startColumn : p.column;
        frame.callSite = true;
      }
    }
  }
  frame.line = line + 1;
  frame.column = column + 1;
  const mapped = await ctx.maps.original(f.scriptId, line, column, f.url);
  if (!mapped) {
    frame.note = 'no source map';
  } else if (mapped.note !== undefined) {
    frame.note = mapped.note;
  } else {
    frame.file = mapped.position.file;
    frame.line = mapped.position.line;
    frame.column = mapped.position.column;
    if (mapped.position.library) frame.library = true;
  }
  return frame;
}

function findInWhole(source: string, callee: string, construct: boolean): number {
  // findCallSite bounded by the end of the text: pretend the whole script is one body.
  const at = findCallSite(`{${source}}`, 0, callee, construct);
  return at > 0 ? at - 1 : -1;
}
