// The page's scripts as the debugger reports them (`Debugger.scriptParsed`): URL, source
// map URL and, for inline `<script>`s, where in the document they start. Heap snapshots
// name scripts only by id; this catalog turns an id into something a source map can read.
import type { CdpSession } from './cdp.js';

export interface ScriptInfo {
  scriptId: number;
  /** The script's URL, or its `//# sourceURL=` when `hasSourceURL`; the document's for inline scripts. */
  url: string;
  /** As written in the script (`//# sourceMappingURL=`), unresolved; '' when none. */
  sourceMapURL: string;
  /** 0-based start in the resource: non-zero for inline scripts after the document's first line. */
  startLine: number;
  startColumn: number;
  hasSourceURL: boolean;
}

/**
 * Collects `Debugger.scriptParsed` from a session. Attach it before the page loads (the
 * debugger reports scripts parsed before `Debugger.enable` only at that call).
 */
export class ScriptCatalog {
  readonly #scripts = new Map<number, ScriptInfo>();
  readonly #sources = new Map<number, Promise<string | undefined>>();
  readonly #listener: (e: ScriptParsedEvent) => void;

  constructor(readonly cdp: CdpSession) {
    this.#listener = (e) => {
      const scriptId = Number(e.scriptId);
      this.#scripts.set(scriptId, {
        scriptId,
        url: e.url ?? '',
        sourceMapURL: e.sourceMapURL ?? '',
        startLine: e.startLine ?? 0,
        startColumn: e.startColumn ?? 0,
        hasSourceURL: !!e.hasSourceURL,
      });
    };
    cdp.on('Debugger.scriptParsed', this.#listener);
  }

  get(scriptId: number): ScriptInfo | undefined {
    return this.#scripts.get(scriptId);
  }

  /**
   * What is known of a script, also of one parsed before this catalog was attached (a hunt
   * started on a loaded page): then its URL is the caller's hint (a trace's script name)
   * and its map URL is read from the source's `sourceMappingURL` comment.
   */
  async info(scriptId: number, urlHint = ''): Promise<ScriptInfo | undefined> {
    const known = this.#scripts.get(scriptId);
    if (known) return known;
    const source = await this.source(scriptId);
    if (source === undefined) return undefined;
    const info: ScriptInfo = { scriptId, url: urlHint, sourceMapURL: sourceMappingUrl(source), startLine: 0, startColumn: 0, hasSourceURL: false };
    this.#scripts.set(scriptId, info);
    return info;
  }

  get size(): number {
    return this.#scripts.size;
  }

  /** The script's text (asked once per script), or undefined when the page no longer has it. */
  source(scriptId: number): Promise<string | undefined> {
    let p = this.#sources.get(scriptId);
    if (!p) {
      p = this.cdp
        .send('Debugger.getScriptSource', { scriptId: String(scriptId) })
        .then((r: { scriptSource?: string }) => r.scriptSource)
        .catch(() => undefined);
      this.#sources.set(scriptId, p);
    }
    return p;
  }

  dispose(): void {
    this.cdp.off('Debugger.scriptParsed', this.#listener);
  }
}

/** The last `//# sourceMappingURL=` (or `//@`) comment of a script, as V8 reads it. */
export function sourceMappingUrl(source: string): string {
  const tail = source.slice(-4096);
  let found = '';
  for (const m of tail.matchAll(/\/\/[#@][ \t]+sourceMappingURL=[ \t]*(\S+)[ \t]*$/gm)) found = m[1];
  return found;
}

interface ScriptParsedEvent {
  scriptId: string;
  url?: string;
  sourceMapURL?: string;
  startLine?: number;
  startColumn?: number;
  hasSourceURL?: boolean;
}
