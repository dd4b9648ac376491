// Source maps of the page's scripts, loaded on demand and only once per script per hunt:
// `data:` URLs are decoded here; other URLs are fetched by the page's own network stack
// (`Network.loadNetworkResource`), so cookies, auth and dev-server rewrites apply exactly
// as DevTools would see them. A missing or broken map is a note, never a failure.
import { AnyMap, isIgnored, originalPositionFor, GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, type TraceMap } from '@jridgewell/trace-mapping';
import type { CdpSession } from './cdp.js';
import type { ScriptCatalog, ScriptInfo } from './scripts.js';

/** A position in the original source. Line and column 1-based, as editors show them. */
export interface OriginalPosition {
  /** The map's source path without bundler prefixes (`webpack://app/`, `../`), e.g. `src/app.ts`. */
  file: string;
  line: number;
  column: number;
  /** Third-party code: under `node_modules/`, or on the map's ignore list (DevTools' rule). */
  library: boolean;
}

export type MapLookup = { position: OriginalPosition; note?: undefined } | { position?: undefined; note: string };

/** Maps bigger than this are not read: a leak hunt must not run out of memory on one. */
const DEFAULT_MAX_MAP_BYTES = 64 * 1024 * 1024;

type Loaded = { map: TraceMap; url: string } | { note: string } | null;

export class SourceMaps {
  readonly #maps = new Map<number, Promise<Loaded>>();
  #frameId: Promise<string | undefined> | undefined;

  constructor(
    readonly cdp: CdpSession,
    readonly scripts: ScriptCatalog,
    readonly opts: { maxBytes?: number } = {},
  ) {}

  /**
   * The original position of a generated one. `line` and `column` are 0-based in the
   * resource's coordinates (document positions for inline scripts), as the debugger and
   * snapshot locations give them. Undefined when the script has no source map at all.
   * `urlHint` names a script parsed before the catalog was attached (see ScriptCatalog.info).
   */
  async original(scriptId: number, line: number, column: number, urlHint?: string): Promise<MapLookup | undefined> {
    const script = await this.scripts.info(scriptId, urlHint);
    if (!script?.sourceMapURL) return undefined;
    const loaded = await this.#load(script);
    if (!loaded) return undefined;
    if ('note' in loaded) return { note: loaded.note };
    // Maps of inline scripts count from the script's own first character.
    const l = line - script.startLine;
    const c = l === 0 ? column - script.startColumn : column;
    if (l < 0 || c < 0) return { note: `position ${line + 1}:${column + 1} lies before the script` };
    let m = originalPositionFor(loaded.map, { line: l + 1, column: c, bias: GREATEST_LOWER_BOUND });
    // A function's start often precedes the first mapped segment of its line.
    if (m.source === null) m = originalPositionFor(loaded.map, { line: l + 1, column: c, bias: LEAST_UPPER_BOUND });
    if (m.source === null) return { note: `the source map has no mapping for ${l + 1}:${c + 1}` };
    return {
      position: {
        file: displaySourcePath(m.source),
        line: m.line,
        column: m.column + 1,
        // Also as resolved: a package's own map says `../src/x.js` from /node_modules/pkg/dist/.
        library: isLibrarySource(m.source) || isLibrarySource(resolveSource(m.source, loaded.url)) || safeIsIgnored(loaded.map, m.source),
      },
    };
  }

  #load(script: ScriptInfo): Promise<Loaded> {
    let p = this.#maps.get(script.scriptId);
    if (!p) {
      p = this.#read(script).then(
        ({ text, url }): Loaded => {
          try {
            return { map: new AnyMap(text), url };
          } catch (err) {
            return { note: `source map ${shortUrl(script.sourceMapURL)} is not valid (${firstLine(err)})` };
          }
        },
        (err): Loaded => ({ note: `source map ${shortUrl(script.sourceMapURL)} could not be loaded (${firstLine(err)})` }),
      );
      this.#maps.set(script.scriptId, p);
    }
    return p;
  }

  /** The map's text and the URL its relative sources resolve against. */
  async #read(script: ScriptInfo): Promise<{ text: string; url: string }> {
    const raw = script.sourceMapURL;
    if (raw.startsWith('data:')) return { text: decodeDataUrl(raw), url: script.url };
    let url: string;
    try {
      url = new URL(raw, script.url || undefined).href;
    } catch {
      throw new Error(`no absolute URL for ${raw}`);
    }
    if (url.startsWith('data:')) return { text: decodeDataUrl(url), url: script.url };
    const frameId = await this.#mainFrame();
    if (!frameId) throw new Error('the page has no frame to load it from');
    const { resource } = await this.cdp.send('Network.loadNetworkResource', {
      frameId,
      url,
      options: { disableCache: false, includeCredentials: true },
    });
    if (!resource?.success) {
      throw new Error(resource?.httpStatusCode ? `HTTP ${resource.httpStatusCode}` : (resource?.netErrorName ?? 'network error'));
    }
    if (resource.httpStatusCode && resource.httpStatusCode >= 400) throw new Error(`HTTP ${resource.httpStatusCode}`);
    if (!resource.stream) throw new Error('empty response');
    return { text: await this.#readStream(resource.stream as string), url };
  }

  async #readStream(handle: string): Promise<string> {
    const max = this.opts.maxBytes ?? DEFAULT_MAX_MAP_BYTES;
    const parts: Buffer[] = [];
    let bytes = 0;
    try {
      for (;;) {
        const r: { data: string; eof: boolean; base64Encoded?: boolean } = await this.cdp.send('IO.read', { handle, size: 1 << 20 });
        const buf = Buffer.from(r.data, r.base64Encoded ? 'base64' : 'utf8');
        bytes += buf.length;
        if (bytes > max) throw new Error(`larger than ${Math.round(max / 1048576)} MB`);
        parts.push(buf);
        if (r.eof) break;
      }
    } finally {
      await this.cdp.send('IO.close', { handle }).catch(() => undefined);
    }
    return Buffer.concat(parts).toString('utf8');
  }

  #mainFrame(): Promise<string | undefined> {
    this.#frameId ??= this.cdp
      .send('Page.getFrameTree')
      .then((r: { frameTree?: { frame?: { id?: string } } }) => r.frameTree?.frame?.id)
      .catch(() => undefined);
    return this.#frameId;
  }
}

/** `data:[type][;base64],payload` → text. */
export function decodeDataUrl(url: string): string {
  const comma = url.indexOf(',');
  if (comma < 0) throw new Error('a data: URL without a comma');
  const header = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  return /;base64$/i.test(header) ? Buffer.from(payload, 'base64').toString('utf8') : decodeURIComponent(payload);
}

/** `node_modules/` anywhere in the path: installed packages, whatever the bundler. */
export function isLibrarySource(source: string): boolean {
  return /(?:^|[/\\])node_modules[/\\]/.test(source);
}

/** What a developer recognises of a map's source: `webpack://app/./src/a.ts` → `src/a.ts`. */
export function displaySourcePath(source: string): string {
  let p = source.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i, '');
  p = p.replace(/^(?:\.{1,2}\/)+/, '');
  return p || source;
}

function resolveSource(source: string, base: string): string {
  try {
    return new URL(source, base || undefined).pathname;
  } catch {
    return source;
  }
}

function safeIsIgnored(map: TraceMap, source: string): boolean {
  try {
    return isIgnored(map, source);
  } catch {
    return false;
  }
}

function shortUrl(url: string): string {
  return url.startsWith('data:') ? 'data: URL' : url.length > 120 ? `${url.slice(0, 117)}...` : url;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.trim();
}
