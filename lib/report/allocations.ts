// `--allocations`: where a leak's objects were allocated, as trace lines under the leak.
// The most common stack is printed whole; the other stacks by their innermost frame.
import type { AllocationFrame, Leak } from '../analysis/result.js';
import { cleanText } from './escape.js';
import { formatNumber, plural } from './format.js';
import type { Line } from './trace.js';

const MAX_FRAMES = 8;

export function allocationLines(leak: Leak): Line[] {
  const sites = leak.allocations;
  if (!sites?.length) return [];
  const [top, ...rest] = sites;
  const total = sites.reduce((n, s) => n + s.count, 0);
  // A note every frame shares (a script without a map) is said once, on the heading.
  const shared = top.frames[0]?.note;
  const common = shared !== undefined && top.frames.every((f) => f.note === shared || f.line === 0) ? shared : undefined;
  const lines: Line[] = [
    [
      { text: 'allocated at ', role: 'label' },
      { text: `${formatNumber(top.count)} of ${formatNumber(total)} ${cleanText(leak.headline, 80)} ${total === 1 ? 'instance' : 'instances'}` + (rest.length ? `, most common of ${plural(sites.length, 'stack')}` : ''), role: 'meta' },
      ...(common ? [{ text: `  (${cleanText(common, 200)})`, role: 'note' as const }] : []),
    ],
  ];
  for (const f of top.frames.slice(0, MAX_FRAMES)) lines.push([{ text: '  ' }, ...frameLine(common ? { ...f, note: undefined } : f)]);
  if (top.frames.length > MAX_FRAMES) lines.push([{ text: `  … ${formatNumber(top.frames.length - MAX_FRAMES)} more frames`, role: 'note' }]);
  for (const s of rest) {
    lines.push([{ text: `  also ${formatNumber(s.count)}× at `, role: 'note' }, ...(s.frames[0] ? frameLine(s.frames[0]) : [])]);
  }
  return lines;
}

/** `openWidget  src/widgets.ts:17:18`, with what the reader must know about the position. */
export function frameLine(f: AllocationFrame): Line {
  const name = cleanText(f.functionName || '(anonymous)', 120);
  const where = f.line > 0 ? `${cleanText(f.file, 300) || '(no url)'}:${f.line}:${f.column}` : '(native)';
  const notes: string[] = [];
  if (f.line > 0 && !f.callSite) notes.push('function start');
  if (f.library) notes.push('library');
  if (f.note) notes.push(cleanText(f.note, 200));
  const line: Line = [
    { text: name, role: 'class' },
    { text: `  ${where}`, role: 'edge' },
  ];
  if (notes.length) line.push({ text: `  (${notes.join('; ')})`, role: 'note' });
  return line;
}
