// What the offline verbs share: reading a snapshot file the user named, the analyses most
// verbs need (computed once per snapshot, on first use), and turning the user's words
// (`@123`, `Detached <div>`) into node indices with errors that say what to try instead.
import { UsageError } from '../errors.js';
import { classIndex, propagateDetachedness, type ClassIndex } from '../heap/class-names.js';
import { computeDominators, type Dominators } from '../heap/dominators.js';
import { HeapQueryError, HeapSnapshotError } from '../heap/errors.js';
import { createInternalsFilter, type InternalsFilter } from '../heap/internals.js';
import { computeRetainerPaths, retainerSkipMask, type RetainerPaths } from '../heap/paths.js';
import { readHeapSnapshot } from '../heap/read.js';
import type { HeapSnapshot } from '../heap/snapshot.js';
import { safeText } from './output.js';
import { suggest } from './suggest.js';

/** Reads a `.heapsnapshot`; unreadable or invalid input fails with a HeapSnapshotError naming the path. */
export async function loadSnapshot(path: string): Promise<HeapSnapshot> {
  try {
    return await readHeapSnapshot(path, { source: path });
  } catch (err) {
    // DevTools saves CPU profiles next to heap snapshots; they are easy to mix up.
    if (err instanceof HeapSnapshotError && (/\.cpuprofile$/i.test(path) || err.message.includes('"nodes" comes before'))) {
      throw new HeapSnapshotError(`${err.message} (looks like a CPU profile; leakhound reads .heapsnapshot files)`);
    }
    throw err;
  }
}

/** One snapshot and its derived analyses, each computed on first use. */
export class SnapshotAnalysis {
  #detachedness?: Uint8Array;
  #classes?: ClassIndex;
  #filter?: InternalsFilter;
  #paths?: RetainerPaths;
  #dominators?: Dominators;

  constructor(
    readonly snapshot: HeapSnapshot,
    /** The path as the user typed it, for messages. */
    readonly source: string,
  ) {}

  static async load(path: string): Promise<SnapshotAnalysis> {
    return new SnapshotAnalysis(await loadSnapshot(path), path);
  }

  get detachedness(): Uint8Array {
    return (this.#detachedness ??= propagateDetachedness(this.snapshot));
  }

  get classes(): ClassIndex {
    return (this.#classes ??= classIndex(this.snapshot, { detachedness: this.detachedness }));
  }

  get filter(): InternalsFilter {
    return (this.#filter ??= createInternalsFilter(this.snapshot));
  }

  get paths(): RetainerPaths {
    return (this.#paths ??= computeRetainerPaths(this.snapshot, { filter: this.filter }));
  }

  get dominators(): Dominators {
    // Dominators need only the edges paths skip, not the paths: `types` saves the search.
    return (this.#dominators ??= computeDominators(this.snapshot, this.#paths ?? { skip: retainerSkipMask(this.snapshot, this.filter) }));
  }

  className(node: number): string {
    return this.classes.names[this.classes.classOf[node]];
  }

  /**
   * How one object reads in a listing: its class, plus the part of its name that tells
   * instances apart (a string's text, a function's name, a DOM node's attributes).
   * Page-controlled text is made terminal-safe and shortened.
   */
  label(node: number): string {
    const s = this.snapshot;
    const cls = this.className(node);
    const name = s.name(node);
    const type = s.typeName(node);
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
      const text = name.length > 40 ? name.slice(0, 39) + '…' : name;
      return `${cls} ${safeText(JSON.stringify(text))}`;
    }
    // Roots like `(Global handles)` are all of class (synthetic); the name is what matters.
    if (type === 'synthetic') return safeText(name || cls);
    // DOM class names drop attributes (`<div>`); the node's own name keeps them.
    if (type === 'native' && name.includes('<') && name !== cls) {
      return safeText(cls.startsWith('Detached ') && !name.startsWith('Detached ') ? 'Detached ' + name : name);
    }
    // Functions, arrays, code, system objects: the name tells instances apart.
    if (type !== 'object' && type !== 'native' && name && name !== cls) return `${safeText(cls)} ${safeText(name, 60)}`;
    return safeText(cls);
  }

  /** `@123` or `123` → node index; throws for malformed text or an id the snapshot lacks. */
  nodeByIdArg(arg: string | number): number {
    const id = parseNodeId(arg);
    const node = this.snapshot.nodeIndexById(id);
    if (node < 0) throw new HeapQueryError(`no object @${id} in ${this.source}`);
    return node;
  }

  /** A class name that occurs in the snapshot, or an error listing close names. */
  requireClass(name: string): string {
    const names = this.classes.names;
    if (names.includes(name)) return name;
    const close = suggest(name, names);
    const hint = close.length
      ? `did you mean ${close.map((n) => `'${safeText(n, 60)}'`).join(', ')}?`
      : `see \`leakhound types ${this.source}\``;
    throw new HeapQueryError(`no class '${name}' in ${this.source} (${hint})`);
  }
}

/** Node ids as DevTools prints them (`@123`) or bare. */
export function parseNodeId(arg: string | number): number {
  const text = String(arg).trim();
  const m = /^@?(\d+)$/.exec(text);
  const id = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(id) || id > 0xffffffff) {
    throw new UsageError(`'${text}' is not an object id (expected @123 or 123)`);
  }
  return id;
}
