// Runs off the main thread so checking a long draft never blocks typing.
const DICTIONARY = new Set(('the their new release ships on monday with improved search a an and of to in is it for ' +
  'that this be are was were from by at as or not have has had').split(' '));
const FIXES = { thier: 'their', releese: 'release', teh: 'the' };

self.onmessage = (event) => {
  const words = event.data.toLowerCase().match(/[a-z]+/g) ?? [];
  const misspelled = words.filter((w) => !DICTIONARY.has(w));
  self.postMessage(misspelled.map((word) => ({ word, suggestion: FIXES[word] ?? null })));
};
