// `npm run test:unit`: every test that needs no browser, for the edit-and-test loop (well
// under a minute); `npm test` runs these and the real-Chromium ones. The split is found,
// not listed, so a new test file lands on the right side without editing this file:
// a test file is a browser test when it imports what launches or drives Chromium
// (puppeteer, Playwright, lib/browser/launch or connect, the test helpers that open pages),
// runs `leakhound run` or `playwright test`, or titles a suite "(real Chromium)". A file
// with both kinds keeps its browser tests in one describe, named in MIXED: test:unit loads
// the file and leaves that describe out by its title.
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const { join, relative } = require('node:path');
const base = require('./.mocharc.json');

const MIXED = {
  'test/heap/parser.test.ts': 'on a real Chromium snapshot',
  'test/scenario/recorder.test.ts': 'Recorder flows: replay in Chromium',
};

const DRIVES_CHROMIUM = [
  /^import\s+(?!type\b)[^;]*?from\s+'(puppeteer|puppeteer-core|@playwright\/test|playwright)'/m,
  /^import\s+(?!type\b)[^;]*?from\s+'[^']*\/lib\/browser\/(launch|connect)\.js'/m,
  /^import\s+(?!type\b)[^;]*?from\s+'[^']*\/helpers\/(chromium|browser-fixtures)\.js'/m,
  /leakhound\(\s*\[\s*'run'/,
  /\['playwright',\s*'test'/,
  /\(real Chromium\)/,
];

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const root = __dirname;
const spec = testFiles(join(root, 'test'))
  .map((f) => relative(root, f).split('\\').join('/'))
  .filter((f) => f in MIXED || !DRIVES_CHROMIUM.some((re) => re.test(readFileSync(join(root, f), 'utf8'))))
  .sort();

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

module.exports = {
  ...base,
  spec,
  grep: Object.values(MIXED).map(escape).join('|'),
  invert: true,
};
