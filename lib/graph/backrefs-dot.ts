// A backrefs graph as Graphviz DOT text. Every label comes from the page (class names,
// property names, DOM attributes, string contents), so all of it is escaped for DOT's
// quoted strings: a `"` or `\` in a property name must not end the string or become a
// Graphviz escape such as `\N` or `\l`.
import type { BackrefsGraph, BackrefsNodeKind } from './backrefs.js';

const STYLE: Record<BackrefsNodeKind, string> = {
  target: 'fillcolor="#f4b6b6", penwidth=2',
  root: 'fillcolor="#b9e3b5"',
  object: 'fillcolor="#ffffff"',
  more: 'fillcolor="#eeeeee", style="filled,dashed", fontcolor="#555555"',
};

export interface DotOptions {
  /** Shown above the graph. */
  title?: string;
  /** Longest label line kept; the rest is cut with an ellipsis. */
  maxLineLength?: number;
}

export function backrefsToDot(g: BackrefsGraph, opts: DotOptions = {}): string {
  const max = opts.maxLineLength ?? 60;
  const out: string[] = ['digraph backrefs {'];
  out.push('  graph [rankdir=TB, fontname="Helvetica", fontsize=12, labelloc=t' + (opts.title ? `, label=${dotString(opts.title, 200)}` : '') + '];');
  out.push('  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];');
  out.push('  edge [fontname="Helvetica", fontsize=9, color="#555555"];');
  for (const n of g.nodes) {
    const attrs = [`label=${dotLabel(n.lines, max)}`, STYLE[n.kind]];
    if (n.cutByDepth) attrs.push('peripheries=2', 'tooltip="more retainers beyond --max-depth"');
    out.push(`  ${n.key} [${attrs.join(', ')}];`);
  }
  for (const e of g.edges) {
    out.push(`  ${e.from} -> ${e.to}${e.label ? ` [label=${dotString(e.label, max)}]` : ' [style=dashed]'};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** Several lines in one DOT label, each escaped on its own (`\n` joins them centred). */
export function dotLabel(lines: readonly string[], max = 60): string {
  return `"${lines.map((l) => escapeDot(truncate(l, max))).join('\\n')}"`;
}

/** One line of text as a DOT quoted string. */
export function dotString(text: string, max = 60): string {
  return `"${escapeDot(truncate(text, max))}"`;
}

function escapeDot(text: string): string {
  return (
    text
      // Control characters (and bidi overrides) make no sense in a label and could break lines.
      .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ')
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
