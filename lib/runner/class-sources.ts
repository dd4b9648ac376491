// Page code or library code, by the source map: a production bundle puts the page's
// classes and its dependencies' classes in one script, so its URL says nothing, but the
// map's source path does (`node_modules/`). Maps are fetched only for the scripts that
// define a leak's classes, so a clean hunt fetches none.
import type { HeapSnapshot } from '../heap/snapshot.js';
import type { Leak } from '../analysis/result.js';
import type { SourceMaps } from '../browser/source-maps.js';
import type { ScriptCatalog } from '../browser/scripts.js';
import { isLibraryScriptUrl } from '../analysis/class-kinds.js';

export type ClassSource = 'library' | 'page';

/**
 * Where the constructors of the leaks' classes come from, for classes defined in scripts
 * with a usable source map. A name defined both in page and in library code counts as page.
 */
export async function classSourcesOfLeaks(s: HeapSnapshot, leaks: readonly Leak[], maps: SourceMaps, scripts: ScriptCatalog): Promise<Map<string, ClassSource>> {
  const names = new Set<string>();
  for (const l of leaks) {
    names.add(l.headline);
    for (const c of l.classes) names.add(c.className);
  }
  const out = new Map<string, ClassSource>();
  if (!s.locations) return out;
  const closure = s.types.closure;
  const lookups: Promise<void>[] = [];
  for (let i = 0; i < s.nodeCount; i++) {
    if (s.nodeType[i] !== closure) continue;
    const name = s.name(i);
    if (!names.has(name) || !/^[A-Z_$]/.test(name)) continue; // constructors only, as classOrigins
    const loc = s.location(i);
    if (!loc) continue;
    // Already a library's by its URL: its map (often megabytes) could only agree.
    const url = scripts.get(loc.scriptId)?.url;
    if (url && isLibraryScriptUrl(url)) continue;
    lookups.push(
      maps.original(loc.scriptId, loc.line, loc.column).then((m) => {
        if (!m?.position) return;
        const source: ClassSource = m.position.library ? 'library' : 'page';
        if (out.get(name) !== 'page') out.set(name, source);
      }),
    );
  }
  await Promise.all(lookups);
  return out;
}

/** Whether the verdict must be taken again: some headline turned out to be library code. */
export function headlineIsLibrary(leaks: readonly Leak[], sources: ReadonlyMap<string, ClassSource>): boolean {
  return leaks.some((l) => sources.get(l.headline) === 'library');
}
