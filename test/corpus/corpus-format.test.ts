// Keeps the leak corpus and the demo scenarios well-formed without a browser: a malformed
// case would otherwise only show up as a confusing failure in the slow corpus run.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const corpusDir = dirname(fileURLToPath(import.meta.url));
const scenariosDir = join(corpusDir, '..', '..', 'scenarios');

const cases = readdirSync(corpusDir)
  .filter((name) => statSync(join(corpusDir, name)).isDirectory())
  .sort();

interface Expectation {
  leak: boolean;
  classes?: unknown;
  chain?: unknown;
  suspect?: unknown;
  knownIssue?: unknown;
  note?: unknown;
}

const CHECKS = ['hunt', 'page-error', 'false-alarm', 'missed', 'headline', 'chain', 'suspect', 'rows'];

function checkSuspect(suspect: unknown, chain: unknown[], where: string): void {
  expect(suspect, `${where}: suspect`).to.be.an('array');
  const list = suspect as unknown[];
  // Only a leak no page code names (the DOM tree's own <style>s, the engine's timing buffer)
  // may leave the suspect unchecked.
  if (list.length === 0) expect(chain, `${where}: suspect [] only when chain is [] too`).to.deep.equal([]);
  for (const s of list) {
    if (typeof s === 'string') {
      expect(s, `${where}: suspect edge`).to.match(/^[^\s[\]]+(\[\])?$/);
      expect(s, `${where}: \`this\` names nothing a developer can look for`).not.to.equal('this');
    } else {
      const l = (s as { listener?: { target?: unknown; type?: unknown } }).listener;
      expect(l, `${where}: suspect is an edge name or { listener: { target, type } }`).to.be.an('object');
      expect(l!.target, `${where}: listener target`).to.be.a('string').and.not.equal('');
      expect(l!.type, `${where}: listener type`).to.be.a('string').and.not.equal('');
    }
  }
}

async function loadScenario(file: string): Promise<Record<string, unknown>> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: Record<string, unknown> };
  expect(mod.default, `${file}: default export`).to.be.an('object');
  return mod.default!;
}

function checkScenarioShape(scenario: Record<string, unknown>, where: string): void {
  expect(scenario.name, `${where}: name`).to.be.a('string').and.not.equal('');
  expect(scenario.action, `${where}: action`).to.be.a('function');
  for (const step of ['setup', 'back'] as const) {
    if (scenario[step] !== undefined) expect(scenario[step], `${where}: ${step}`).to.be.a('function');
  }
  if (scenario.url !== undefined) {
    expect(scenario.url, `${where}: url is relative to the served root`).to.be.a('string').and.match(/^\//);
  }
}

describe('leak corpus format', () => {
  it('has the required number of leak and clean cases, named by kind', () => {
    const leaks = cases.filter((c) => c.startsWith('leak-'));
    const clean = cases.filter((c) => c.startsWith('clean-'));
    expect(leaks.length).to.be.at.least(20);
    expect(clean.length).to.be.at.least(10);
    expect(leaks.length + clean.length, 'every folder is leak-* or clean-*').to.equal(cases.length);
  });

  for (const name of cases) {
    it(`${name} has index.html, a scenario and a valid expect.json`, async () => {
      const dir = join(corpusDir, name);
      expect(existsSync(join(dir, 'index.html')), 'index.html').to.equal(true);

      const expectation = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as Expectation;
      expect(expectation.leak, 'leak matches the folder prefix').to.equal(name.startsWith('leak-'));
      expect(expectation.note, 'note').to.be.a('string').and.not.equal('');
      if (expectation.leak) {
        expect(expectation.classes, 'classes').to.be.an('array').that.is.not.empty;
        for (const cls of expectation.classes as unknown[]) expect(cls).to.be.a('string').and.not.equal('');
        expect(expectation.chain, 'chain').to.be.an('array');
        for (const edge of expectation.chain as unknown[]) {
          expect(edge).to.be.a('string').and.not.equal('');
          expect(edge, 'chain: `this` names nothing a developer can look for').not.to.equal('this');
        }
        checkSuspect(expectation.suspect, expectation.chain as unknown[], name);
      } else {
        expect(expectation, 'clean cases name no classes').not.to.have.property('classes');
        expect(expectation, 'clean cases name no suspect').not.to.have.property('suspect');
      }
      if (expectation.knownIssue !== undefined) {
        const k = expectation.knownIssue as { check?: unknown; why?: unknown };
        expect(CHECKS, 'knownIssue.check').to.include(k.check);
        expect(k.why, 'knownIssue.why').to.be.a('string').and.not.equal('');
      }

      checkScenarioShape(await loadScenario(join(dir, 'scenario.mjs')), name);
    });
  }
});

describe('demo scenarios format', () => {
  const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.mjs')).sort();

  it('has one scenario per demo flow', () => {
    expect(files.length).to.be.at.least(4);
    expect(existsSync(join(scenariosDir, 'demo-app', 'index.html'))).to.equal(true);
  });

  for (const file of files) {
    it(`${file} exports a scenario`, async () => {
      checkScenarioShape(await loadScenario(join(scenariosDir, file)), file);
    });
  }
});
