// A retainer chain as text, in the spirit of LeakCanary's leak trace: the root and what
// kind of root it is, then one object per line, root first, each followed by the reference
// that leads to the next object. Shared by `chain` and `diff`.
import { describeRoot, type RootKind } from '../heap/roots.js';
import type { ChainStep } from '../heap/paths.js';
import { edgeLabel } from '../graph/edge-label.js';
import type { SnapshotAnalysis } from './heap-input.js';
import { safeText, type Output } from './output.js';

const ROOT_KIND_TEXT: Record<RootKind, string> = {
  window: "the page's window",
  dom: 'the DOM',
  'native-root': 'a Blink (C++) root',
  'gc-root': 'a V8 GC root',
  other: 'a heap root',
};

export interface ChainLinkJson {
  nodeId: number;
  className: string;
  label: string;
  selfSize: number;
  /** How this object reaches the next one (`.store`, `[3]`); null on the last. */
  edge: string | null;
  edgeType: string | null;
  edgeName: string | null;
}

export interface ChainJson {
  root: { kind: RootKind; label: string };
  links: ChainLinkJson[];
}

export function chainToJson(a: SnapshotAnalysis, chain: readonly ChainStep[]): ChainJson {
  const s = a.snapshot;
  const root = describeRoot(s, chain[0].node);
  return {
    root,
    links: chain.map(({ node, edge }) => ({
      nodeId: s.id(node),
      className: a.className(node),
      label: a.label(node),
      selfSize: s.selfSize(node),
      edge: edge === null ? null : edgeLabel(s.edgeTypeName(edge), s.edgeName(edge)),
      edgeType: edge === null ? null : s.edgeTypeName(edge),
      edgeName: edge === null ? null : s.edgeName(edge),
    })),
  };
}

export function printChain(out: Output, chain: ChainJson, indent = ''): void {
  const c = out.colors;
  out.line(`${indent}${c.dim('root:')} ${ROOT_KIND_TEXT[chain.root.kind]} ${c.dim('—')} ${safeText(chain.root.label)}`);
  const heads = chain.links.map((l) => `${l.label} @${l.nodeId}`);
  const width = Math.min(60, Math.max(...heads.map((h) => h.length)));
  chain.links.forEach((l, i) => {
    const last = i === chain.links.length - 1;
    const head = last ? c.bold(heads[i]) : heads[i].padEnd(width);
    const edge = l.edge === null ? '' : `  ${c.dim('→')} ${c.yellow(safeText(l.edge, 60))}`;
    out.line(`${indent}  ${head}${edge}`);
  });
}
