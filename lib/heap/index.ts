// The heap engine's public surface: parse a snapshot, then run pure analyses over it.
// Usable on its own, without a browser (offline analysis of DevTools-saved snapshots).

export * from './snapshot.js';
export { StringTable } from './string-table.js';
export * from './errors.js';
export * from './class-names.js';
export * from './stats.js';
export * from './diff.js';
export * from './internals.js';
export * from './ephemerons.js';
export * from './paths.js';
export * from './dominators.js';
export * from './roots.js';
export * from './node-view.js';
export * from './parser.js';
export * from './read.js';
