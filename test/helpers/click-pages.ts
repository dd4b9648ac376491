// Two pages the CLI tests hunt with one click scenario: a classic leak (every click adds a
// SearchIndex to a global registry) and its clean twin (the last click's state replaced).
export const LEAKY_PAGE = `<!doctype html><button id="open">open</button><script>
class SearchIndex { constructor(q) { this.q = q; this.words = q.split(''); } }
window.registry = [];
document.getElementById('open').addEventListener('click', () => {
  // BUG: every click registers a new index in a global registry, never removed
  window.registry.push(new SearchIndex('query ' + registry.length));
});
</script>`;

export const CLEAN_PAGE = `<!doctype html><button id="open">open</button><script>
let current = null;
document.getElementById('open').addEventListener('click', () => { current = { at: Date.now() }; });
</script>`;
