import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../../lib/errors.js';
import { loadScenario } from '../../lib/scenario/load.js';
import { defineScenario } from '../../lib/scenario/types.js';

describe('scenario/loadScenario', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const failure = async (path: string) => {
    const err = await loadScenario(path).catch((e: unknown) => e);
    expect(err, `${path} should not load`).to.be.instanceOf(UsageError);
    const message = (err as Error).message;
    expect(message.startsWith(`${path}: `), message).to.equal(true);
    expect(message).to.not.include('\n');
    expect(message).to.not.match(/\bat .*:\d+:\d+\)/);
    return message.slice(path.length + 2);
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'leakhound-scenarios-'));
    mkdirSync(join(dir, 'esm'));
    writeFileSync(join(dir, 'esm', 'package.json'), '{ "type": "module" }');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('every extension', () => {
    const typesUrl = pathToFileURL(resolve('lib/scenario/types.ts')).href;
    const cases: [string, string][] = [
      ['plain.mjs', `export default { name: 'mjs', url: '/x', async action(page) {} };`],
      ['esm/plain.js', `export default { name: 'esm js', action(page) {} };`],
      ['commonjs.js', `module.exports = { name: 'cjs js', action(page) {} };`],
      ['commonjs.cjs', `module.exports = { name: 'cjs', action(page) {}, back(page) {} };`],
      ['typed.ts', `import type { Page } from 'puppeteer';\nexport default { name: 'ts', action(page: Page): void {} };`],
      ['typed.mts', `export default { name: 'mts', iterations: 3, action(page: unknown): void {} };`],
      ['module-exports.cts', `module.exports = { name: 'cts', action(page: unknown) {} };`],
      ['export-default.cts', `export default { name: 'cts default', action(page: unknown) {} };`],
      [
        'defined.ts',
        `import { defineScenario } from ${JSON.stringify(typesUrl)};\n` +
          `export default defineScenario({ name: 'defined', ignore: ['Cache'], async action(page) { await page.title(); } });`,
      ],
    ];
    for (const [name, text] of cases) {
      it(`loads ${name}`, async () => {
        const path = file(name, text);
        const loaded = await loadScenario(path);
        expect(loaded.file).to.equal(path);
        expect(loaded.scenario.action).to.be.a('function');
        expect(loaded.name).to.equal(loaded.scenario.name);
        expect(loaded.name).to.be.a('string').and.not.equal('');
      });
    }
  });

  it('names a scenario after its file when it has no name', async () => {
    const loaded = await loadScenario(file('open-dialog.mjs', 'export default { action() {} };'));
    expect(loaded.name).to.equal('open-dialog');
  });

  it('resolves relative paths against the working directory', async () => {
    const path = file('relative.mjs', 'export default { action() {} };');
    const loaded = await loadScenario(join(dir, '.', 'relative.mjs'));
    expect(loaded.file).to.equal(path);
  });

  it('rejects a missing file', async () => {
    expect(await failure(join(dir, 'nope.ts'))).to.equal('no such file');
  });

  it('rejects an unknown extension', async () => {
    // .json is a DevTools Recorder flow now (test/scenario/recorder.test.ts); .yaml is nothing.
    expect(await failure(file('scenario.yaml', '{}'))).to.match(/^not a scenario file \(use \.ts.*Recorder \.json\)/);
  });

  it('reports syntax errors with the line where the compiler knows it', async () => {
    expect(await failure(file('broken.mjs', 'export default {\n  action() {}\n  back() {} };'))).to.match(
      /^cannot load: SyntaxError at line 3: /,
    );
    expect(await failure(file('broken.cjs', 'module.exports = {\n  action() { };'))).to.match(
      /^cannot load: SyntaxError at line 2: /,
    );
    expect(await failure(file('broken.ts', 'export default {\n  action(page: ) {} };'))).to.match(
      /^cannot load: SyntaxError at line 2:\d+: /,
    );
  });

  it('reports a module that throws while loading', async () => {
    expect(await failure(file('throws.mjs', "throw new Error('no config');"))).to.equal(
      'threw while loading: Error: no config',
    );
    expect(await failure(file('throws.ts', "const n: number = 1;\nthrow new TypeError('bad ' + n);"))).to.equal(
      'threw while loading: TypeError: bad 1',
    );
  });

  it('reports a missing import', async () => {
    expect(await failure(file('imports.mjs', "import 'leakhound-no-such-package';\nexport default { action() {} };"))).to.match(
      /^cannot load: Cannot find package 'leakhound-no-such-package'/,
    );
  });

  describe('rejects every wrong shape', () => {
    const shapes: [string, string, RegExp][] = [
      ['no-default.mjs', 'export const action = () => {};', /^no default export/],
      ['string.mjs', "export default 'hello';", /^the default export must be an object .* got "hello"$/],
      ['function.mjs', 'export default function action() {}', /got a function$/],
      ['array.mjs', 'export default [];', /got an array$/],
      ['null.cjs', 'module.exports = null;', /got null$/],
      ['no-action.mjs', "export default { url: '/' };", /^action must be a function .* got nothing$/],
      ['action-string.mjs', "export default { action: 'click' };", /^action must be a function .* got "click"$/],
      ['setup.mjs', 'export default { action() {}, setup: true };', /^setup must be a function, got true$/],
      ['back.mjs', 'export default { action() {}, back: {} };', /^back must be a function, got an object$/],
      ['url.mjs', 'export default { action() {}, url: 42 };', /^url must be a non-empty string, got 42$/],
      ['name.mjs', "export default { action() {}, name: '' };", /^name must be a non-empty string, got ""$/],
      ['iter-zero.mjs', 'export default { action() {}, iterations: 0 };', /^iterations must be a whole number of at least 2, got 0$/],
      ['iter-frac.mjs', 'export default { action() {}, iterations: 2.5 };', /^iterations must be a whole number of at least 2, got 2.5$/],
      ['iter-str.mjs', "export default { action() {}, iterations: '5' };", /^iterations must be a whole number of at least 2, got "5"$/],
      ['iter-one.mjs', 'export default { action() {}, iterations: 1 };', /^iterations must be a whole number of at least 2, got 1$/],
      ['ignore-str.mjs', "export default { action() {}, ignore: 'Cache' };", /^ignore must be an array of strings, got "Cache"$/],
      ['ignore-num.mjs', 'export default { action() {}, ignore: [1] };', /^ignore must be an array of strings, got an array$/],
    ];
    for (const [name, text, expected] of shapes) {
      it(name, async () => {
        expect(await failure(file(name, text))).to.match(expected);
      });
    }
  });

  it('defineScenario returns its argument unchanged', () => {
    const s = { action: () => undefined, iterations: 2 };
    expect(defineScenario(s)).to.equal(s);
  });
});
