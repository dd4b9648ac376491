// A leak as LeakCanary-style text: the retainer chain from its root, one object per step,
// the reference to the next step, the suspect reference underlined. Built once as lines of
// role-tagged segments so the terminal can colour them, HTML can wrap them in spans, and
// JUnit/Markdown can print them plain, all from the same layout.
import type { ChainStep, Leak } from '../analysis/result.js';
import { cleanText, displayLength } from './escape.js';
import { formatBytes, formatNumber, formatSigned, formatTriple } from './format.js';
import { objectsPerIteration } from './facts.js';
import { allocationLines } from './allocations.js';

export type Role =
  | 'frame'
  | 'class'
  | 'meta'
  | 'edge'
  | 'suspect'
  | 'underline'
  | 'leaked'
  | 'root'
  | 'label'
  | 'note';

/** `text` is already cleaned of control characters; targets still escape it. */
export interface Segment {
  text: string;
  role?: Role;
}
export type Line = Segment[];

const EDGE_KIND: Record<string, string> = {
  context: 'closure variable',
  element: 'element',
  property: 'property',
  internal: 'internal',
  hidden: 'hidden',
  shortcut: 'shortcut',
  weak: 'weak',
};

/** `.name` for named references, `[n]` for indexed ones, as a developer would write them. */
export function edgeAccessor(edge: { name: string; type: string }): string {
  const name = cleanText(edge.name, 120);
  return edge.type === 'element' || edge.type === 'hidden' ? `[${name}]` : `.${name}`;
}

const MAX_CLASS_LINES = 10;

export function leakTrace(leak: Leak): Line[] {
  if (leak.chain.length === 0) return [[{ text: '(no retainer chain: listener-only finding)', role: 'note' }]];
  const lines: Line[] = [];
  const last = leak.chain.length - 1;
  const plumbing = leak.chain.map((step, i) => i > 0 && i < last && isPlumbing(step));
  for (let i = 0; i <= last; i++) {
    // Runs of engine/Blink plumbing (module maps, hash-table backings, cells) say nothing a
    // page author can act on; fold them to one line. The JSON result keeps every step.
    let run = 0;
    while (plumbing[i + run]) run++;
    if (run >= MIN_FOLD) {
      const first = leak.chain[i].className;
      const end = leak.chain[i + run - 1].className;
      lines.push([
        { text: '│    ⋮ ', role: 'frame' },
        { text: `${run} engine objects (${cleanText(first, 60)} … ${cleanText(end, 60)})`, role: 'note' },
      ]);
      i += run - 1;
      continue;
    }
    const step = leak.chain[i];
    const glyph = i === 0 ? '┬── ' : i === last ? '╰─→ ' : '├── ';
    lines.push(stepLine(glyph, step));
    if (step.edge && i < last) lines.push(...edgeLines(step, step.edge));
  }
  return lines;
}

const MIN_FOLD = 3;

/** A step only the engine knows: Blink/V8 bookkeeping reached and left by unnamed references. */
function isPlumbing(step: ChainStep): boolean {
  if (step.leaked || step.suspect || !step.edge) return false;
  if (step.edge.type === 'property' || step.edge.type === 'context') return false;
  const name = step.className;
  if (step.nodeType === 'native') return name.includes('::') || /^(Modulator|system \/ )/.test(name);
  return name === '(array)' || name.startsWith('system / ') || name === '(system)';
}

function stepLine(glyph: string, step: ChainStep): Line {
  const line: Line = [
    { text: glyph, role: 'frame' },
    { text: cleanText(step.className), role: 'class' },
    { text: `  ${cleanText(step.nodeType, 40)} @${idText(step.nodeId)}`, role: 'meta' },
  ];
  if (step.rootKind) line.push({ text: `  root: ${cleanText(step.rootKind, 40)}`, role: 'root' });
  if (step.leaked) line.push({ text: '  [leaked]', role: 'leaked' });
  return line;
}

function edgeLines(step: ChainStep, edge: { name: string; type: string }): Line[] {
  const prefix = '│    ↓ ';
  // A listener the page registered: show the call it can undo, not Blink's vector slot.
  const reg = step.listener;
  const owner = reg ? cleanText(reg.target, 120) : cleanText(step.className);
  const accessor = reg ? `.addEventListener('${cleanText(reg.type, 80)}', ${cleanText(reg.handler, 120)})` : edgeAccessor(edge);
  const kind = reg ? 'listener' : (EDGE_KIND[edge.type] ?? cleanText(edge.type, 40));
  const line: Line = [
    { text: prefix, role: 'frame' },
    { text: owner, role: 'class' },
    { text: accessor, role: step.suspect ? 'suspect' : 'edge' },
    { text: `  (${kind})`, role: 'meta' },
  ];
  if (!step.suspect) return [line];
  line.push({ text: '  ← suspect', role: 'suspect' });
  const underline: Line = [
    { text: '│', role: 'frame' },
    { text: ' '.repeat(displayLength(prefix) - 1 + displayLength(owner)) },
    { text: '~'.repeat(Math.max(1, displayLength(accessor))), role: 'underline' },
  ];
  return [line, underline];
}

/** What grew with the leak: its classes, the listeners and the collection attached to it. */
export function leakDetails(leak: Leak): Line[] {
  const lines: Line[] = [];
  for (const c of leak.classes.slice(0, MAX_CLASS_LINES)) {
    lines.push([
      { text: 'class ', role: 'label' },
      { text: cleanText(c.className), role: 'class' },
      { text: `  ${formatTriple(c.counts)}  (${formatSigned(c.perIteration)}/iteration, ${formatBytes(c.bytes)})` },
    ]);
  }
  if (leak.classes.length > MAX_CLASS_LINES) {
    lines.push([{ text: `… ${formatNumber(leak.classes.length - MAX_CLASS_LINES)} more classes`, role: 'note' }]);
  }
  for (const l of leak.listeners ?? []) {
    lines.push([
      { text: 'listener ', role: 'label' },
      { text: `'${cleanText(l.type, 80)}' on ${cleanText(l.target)}`, role: 'class' },
      { text: `  ${formatTriple(l.counts)}  (${formatSigned(l.perIteration)}/iteration)` },
    ]);
  }
  if (leak.collection) {
    const c = leak.collection;
    lines.push([
      { text: 'collection ', role: 'label' },
      { text: cleanText(c.className), role: 'class' },
      { text: ` @${idText(c.nodeId)}`, role: 'meta' },
      { text: `  ${formatTriple(c.sizes)} entries  (${formatSigned(c.perIteration)}/iteration)` },
    ]);
  }
  lines.push([
    { text: 'signature ', role: 'label' },
    { text: cleanText(leak.signature, 80), role: 'meta' },
  ]);
  return lines;
}

export function plainLine(line: Line): string {
  return line.map((s) => s.text).join('');
}

export function plainText(lines: Line[]): string {
  return lines.map(plainLine).join('\n');
}

/** One-line summary of a leak, used as the heading above its trace. */
export function leakTitle(leak: Leak, rank: number, iterations: number): Line {
  const line: Line = [
    { text: `#${rank} `, role: 'label' },
    { text: cleanText(leak.headline), role: 'class' },
    {
      text:
        `  ${cleanText(leak.kind, 40)}  ${formatSigned(objectsPerIteration(leak, iterations))} objects/iteration` +
        `  ${formatBytes(leak.bytesPerIteration)}/iteration  shared by ${formatNumber(leak.sharedBy)}`,
      role: 'meta',
    },
  ];
  if (leak.ignored) line.push({ text: '  (ignored)', role: 'note' });
  return line;
}

/** Title, what grew, and the chain: everything a reader needs about one leak. */
export function leakBlock(leak: Leak, rank: number, iterations: number): Line[] {
  const body = [...leakDetails(leak), ...leakTrace(leak), ...allocationLines(leak)].map((line): Line => [{ text: '  ' }, ...line]);
  return [leakTitle(leak, rank, iterations), ...body];
}

/** Heap ids print without digit grouping, as DevTools shows `@12345`. */
function idText(id: number): string {
  return Number.isFinite(id) ? String(id) : '?';
}
