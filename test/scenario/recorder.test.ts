// DevTools Recorder exports as scenarios: parsing and cutting into setup/action/back (pure,
// no browser), then replaying every selector kind in real Chromium.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecorderFlow, splitFlow, subFlowJson, describeStep } from '../../lib/scenario/recorder.js';
import { rebase } from '../../lib/scenario/recorder-replay.js';
import { loadScenario } from '../../lib/scenario/load.js';
import { UsageError } from '../../lib/errors.js';
import { launchBrowser, type LaunchedBrowser } from '../../lib/browser/launch.js';
import { startStaticServer, type StaticServer } from '../../lib/static-server.js';
import { tempDir } from '../cli/harness.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/recorder/', import.meta.url));
const PIN = join(FIXTURES, 'pin-note.json');

const nav = { type: 'navigate', url: 'http://app.test/' };
const click = (id: string) => ({ type: 'click', selectors: [[`#${id}`]], offsetX: 1, offsetY: 1 });
const marker = (name: string) => ({ type: 'customStep', name, parameters: {} });
const flowText = (steps: unknown[]) => JSON.stringify({ title: 't', steps });

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    const msg = (err as Error).message;
    expect(msg.split('\n'), msg).to.have.length(1);
    return msg;
  }
  throw new Error('expected a UsageError');
}

describe('Recorder flows: parse and split', () => {
  it('reads the exact DevTools export: first navigate is the url, the rest is the action by default', () => {
    const flow = parseRecorderFlow(readFileSync(PIN, 'utf8'), 'pin-note.json');
    expect(flow.title).to.equal('Pin a note');
    const split = splitFlow(flow, 'pin-note.json');
    expect(split.navigate).to.equal(1);
    expect(split.before).to.deep.equal([0]);
    expect(split.setup).to.deep.equal([]);
    expect(split.action).to.deep.equal([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(split.back).to.deep.equal([]);
    expect(describeStep(flow.steps[8]!)).to.equal('click aria/Pin');
    expect(describeStep(flow.steps[4]!)).to.equal('change aria/Note to "remember the milk"');
  });

  it('markers: steps before leakhound.action are setup, after leakhound.back are back; markers belong to no part', () => {
    const flow = parseRecorderFlow(
      flowText([nav, click('login'), marker('leakhound.action'), click('open'), click('pin'), marker('leakhound.back'), click('close')]),
      'f.json',
    );
    const split = splitFlow(flow, 'f.json');
    expect(split).to.deep.include({ setup: [1], action: [3, 4], back: [6] });
    // Only a back marker: the action runs from the navigate to it.
    const onlyBack = splitFlow(parseRecorderFlow(flowText([nav, click('open'), marker('leakhound.back'), click('close')]), 'f.json'), 'f.json');
    expect(onlyBack).to.deep.include({ setup: [], action: [1], back: [3] });
  });

  it('--action-steps counts 1-based positions in the steps array (setViewport and navigate included) and overrides markers', () => {
    const flow = parseRecorderFlow(readFileSync(PIN, 'utf8'), 'pin-note.json');
    expect(splitFlow(flow, 'p.json', { actionSteps: '3-7' })).to.deep.include({ setup: [], action: [2, 3, 4, 5, 6], back: [7, 8, 9] });
    expect(splitFlow(flow, 'p.json', { actionSteps: '9' })).to.deep.include({ setup: [2, 3, 4, 5, 6, 7], action: [8], back: [9] });
    const marked = parseRecorderFlow(flowText([nav, marker('leakhound.action'), click('a'), marker('leakhound.back'), click('b')]), 'm.json');
    expect(splitFlow(marked, 'm.json', { actionSteps: '3-5' })).to.deep.include({ setup: [], action: [2, 4], back: [] });
    for (const spec of ['2-4', '1', '9-11', 'x', '7-3']) {
      expect(usage(() => splitFlow(flow, 'p.json', { actionSteps: spec }))).to.include(`--action-steps ${spec}`);
    }
    expect(usage(() => splitFlow(flow, 'p.json', { actionSteps: '2-4' }))).to.include('steps 3-10');
  });

  it('the minimal flow is written in the export schema with markers, so `run` repeats exactly the kept steps', () => {
    const flow = parseRecorderFlow(readFileSync(PIN, 'utf8'), 'pin-note.json');
    const split = splitFlow(flow, 'p.json', { actionSteps: '3-9' });
    const json = subFlowJson(flow, split, [8]);
    const again = parseRecorderFlow(JSON.stringify(json), 'min.json');
    const split2 = splitFlow(again, 'min.json');
    expect(split2.action.map((i) => describeStep(again.steps[i]!))).to.deep.equal(['click aria/Pin']);
    expect(split2.back.map((i) => describeStep(again.steps[i]!))).to.deep.equal(['click aria/Close']);
    // Steps are copied as exported (offsets, every selector), not as replay normalises them.
    expect((json.steps as unknown[])[split2.action[0]!]).to.deep.equal(JSON.parse(readFileSync(PIN, 'utf8')).steps[8]);
  });

  it('bad files: one line naming the file and the problem', () => {
    const cases: [string, string, RegExp][] = [
      ['not json', '{"title": "x", "steps": [', /f\.json: not JSON/],
      ['an array', '[]', /f\.json: not a Recorder flow/],
      ['no steps', '{"title":"x","steps":[]}', /f\.json: no steps/],
      ['no navigate', flowText([click('a')]), /f\.json: no navigate step/],
      ['unknown step type', flowText([nav, { type: 'teleport' }]), /f\.json: step 2: step type teleport is not supported/],
      ['a step without selectors', flowText([nav, { type: 'click', offsetX: 1, offsetY: 1 }]), /f\.json: step 2: /],
      ['unknown marker', flowText([nav, marker('leakhound.actoin'), click('a')]), /f\.json: step 2: unknown marker leakhound\.actoin/],
      ['two action markers', flowText([nav, marker('leakhound.action'), click('a'), marker('leakhound.action')]), /f\.json: step 4: a second leakhound\.action marker/],
      ['back before action', flowText([nav, marker('leakhound.back'), click('a'), marker('leakhound.action'), click('b')]), /before the leakhound\.action marker/],
      ['empty action', flowText([nav, marker('leakhound.action'), marker('leakhound.back'), click('a')]), /f\.json: no action steps/],
      ['navigate in the action', flowText([nav, click('a'), { type: 'navigate', url: 'http://app.test/2' }]), /f\.json: step 3 \(navigate http:\/\/app\.test\/2\) is in the action: .*resets the heap/],
      ['navigate in back', flowText([nav, click('a'), marker('leakhound.back'), { type: 'navigate', url: 'http://app.test/' }]), /step 4 .* is in the back/],
    ];
    for (const [what, text, want] of cases) {
      expect(usage(() => splitFlow(parseRecorderFlow(text, 'f.json'), 'f.json')), what).to.match(want);
    }
  });

  it('--url moves the recorded origin, keeping path and query; other origins stay', () => {
    const rec = 'https://app.example.com/notes.html';
    expect(rebase('https://app.example.com/a/b?x=1#h', rec, 'http://127.0.0.1:4000/')).to.equal('http://127.0.0.1:4000/a/b?x=1#h');
    expect(rebase('https://login.example.com/', rec, 'http://127.0.0.1:4000/')).to.equal('https://login.example.com/');
    expect(rebase(rec, rec, undefined)).to.equal(rec);
  });
});

describe('Recorder flows: replay in Chromium', function () {
  this.timeout(120_000);
  let browser: LaunchedBrowser;
  let server: StaticServer;
  before(async () => {
    browser = await launchBrowser();
    server = await startStaticServer({ root: FIXTURES });
  });
  after(async () => {
    await browser?.browser.close();
    await server?.close();
  });

  it('css, aria/, text/, xpath/ and pierce/ selectors each reach their element; change fills, waitForElement pierces', async () => {
    const loaded = await loadScenario(join(FIXTURES, 'selectors.json'), { baseUrl: server.url });
    expect(loaded.scenario.url).to.equal(`${server.url}/selectors.html`);
    const context = await browser.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.goto(loaded.scenario.url!);
      await loaded.scenario.setup!(page);
      await loaded.scenario.action(page);
      const clicked = await page.evaluate(() => (window as unknown as { clicked: string[] }).clicked);
      expect(clicked.slice(0, 5)).to.deep.equal(['css', 'aria', 'text', 'xpath', 'pierce']);
      // `change` types the value (one input event per character), as the Recorder does.
      expect(clicked.at(-1)).to.equal('change:hello');
    } finally {
      await context.close();
    }
  });

  it('a step whose element is missing fails naming its number and selector', async () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'missing.json');
      writeFileSync(file, JSON.stringify({ title: 'm', timeout: 500, steps: [{ type: 'navigate', url: `${server.url}/selectors.html` }, click('nope')] }));
      const loaded = await loadScenario(file);
      const context = await browser.browser.createBrowserContext();
      try {
        const page = await context.newPage();
        await page.goto(loaded.scenario.url!);
        let message = '';
        await Promise.resolve(loaded.scenario.action(page)).catch((err: Error) => (message = err.message));
        expect(message).to.match(/^step 2 \(click #nope\): /);
      } finally {
        await context.close();
      }
    } finally {
      t.cleanup();
    }
  });
});
