// "Did you mean …?" for class names and verbs: exact case-insensitive matches first, then
// names containing the query, then names within a small edit distance.

/** Up to `max` names close to `query`, best first. */
export function suggest(query: string, names: readonly string[], max = 5): string[] {
  const q = query.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  const limit = Math.max(2, Math.floor(q.length / 3));
  for (const name of names) {
    const n = name.toLowerCase();
    let score: number;
    if (n === q) score = 0;
    else if (q.length >= 2 && n.includes(q)) score = 1 + (n.length - q.length) / 1000;
    else {
      if (Math.abs(n.length - q.length) > limit) continue;
      const d = editDistance(q, n, limit);
      if (d > limit) continue;
      score = 2 + d;
    }
    scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, max).map((s) => s.name);
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
