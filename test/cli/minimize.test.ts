// A DevTools Recorder export of a five-action flow (open a panel, type a note, click a tab,
// pin the note, close the panel) where only "pin" leaks: `run flow.json` finds the leak and
// `minimize` shrinks the flow to that one step. Real binary, real Chromium, pages served
// from test/fixtures/recorder on 127.0.0.1. Also: loops that leave the document are refused.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, leakhound, tempDir, ROOT } from './harness.js';
import { parseRecorderFlow, splitFlow, describeStep } from '../../lib/scenario/recorder.js';
import { ddmin } from '../../lib/runner/minimize.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'recorder');
const PIN = join(FIXTURES, 'pin-note.json');
const FAST = ['--serve', FIXTURES, '--iterations', '4', '--progress', 'silent'];

const navigate = { type: 'navigate', url: 'http://localhost:8080/notes.html' };
const clickOn = (label: string, id: string) => ({
  type: 'click',
  target: 'main',
  selectors: [[`aria/${label}`], [`#${id}`]],
  offsetX: 5,
  offsetY: 5,
});

function actionSteps(file: string): string[] {
  const flow = parseRecorderFlow(readFileSync(file, 'utf8'), file);
  return splitFlow(flow, file).action.map((i) => describeStep(flow.steps[i]!));
}

describe('Recorder flows on the command line (real Chromium)', function () {
  this.timeout(300_000);
  const t = tempDir();
  const flowFile = (name: string, steps: unknown[]) => {
    const p = join(t.dir, name);
    writeFileSync(p, JSON.stringify({ title: name, steps }, null, 2));
    return p;
  };
  before(() => ensureBuilt());
  after(() => t.cleanup());

  it('run flow.json finds the leak the pin step causes: exit 1, PinnedNote held by window.pinned', async () => {
    const json = join(t.dir, 'r.json');
    const r = await leakhound(['run', PIN, ...FAST, '--json', json]);
    expect(r.code, r.stdout + r.stderr).to.equal(1);
    expect(r.stdout).to.include('PinnedNote');
    const leak = JSON.parse(readFileSync(json, 'utf8')).scenarios[0].leaks[0];
    expect(leak.headline).to.equal('PinnedNote');
    expect(leak.chain.map((s: { edge: { name: string } | null }) => s.edge?.name)).to.include('pinned');
  });

  it('minimize keeps only the pin step, lists what it removed, and the written flow leaks the same way under run', async () => {
    const out = join(t.dir, 'minimal.json');
    const r = await leakhound(['minimize', PIN, ...FAST, '-o', out]);
    expect(r.code, r.stdout + r.stderr).to.equal(1);
    expect(actionSteps(out)).to.deep.equal(['click aria/Pin']);
    expect(r.stdout).to.match(/kept\s+step 9\s+click aria\/Pin/);
    for (const n of [3, 4, 5, 6, 7, 8, 10]) expect(r.stdout).to.match(new RegExp(`removed\\s+step ${n}\\s`));
    expect(r.stdout).to.include('1 of 8 action steps');
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.steps[0].type).to.equal('setViewport');
    expect(written.steps[1]).to.deep.equal(JSON.parse(readFileSync(PIN, 'utf8')).steps[1]);

    const again = await leakhound(['run', out, ...FAST, '--json', join(t.dir, 'again.json')]);
    expect(again.code, again.stdout + again.stderr).to.equal(1);
    const leak = JSON.parse(readFileSync(join(t.dir, 'again.json'), 'utf8')).scenarios[0].leaks[0];
    const first = JSON.parse(readFileSync(join(t.dir, 'r.json'), 'utf8')).scenarios[0].leaks[0];
    expect(leak.signature).to.equal(first.signature);
  });

  it('--max-hunts: when the budget runs out the smallest leaking flow so far is written and the output says so', async () => {
    const out = join(t.dir, 'budget.json');
    const r = await leakhound(['minimize', PIN, ...FAST, '--max-hunts', '2', '-o', out]);
    expect(r.code, r.stdout + r.stderr).to.equal(1);
    expect(r.stdout).to.include('--max-hunts 2 reached');
    expect(actionSteps(out)).to.include('click aria/Pin');
  });

  it('markers and --action-steps choose the action: pin as setup only is clean (exit 0); minimize of a clean flow says so (exit 0)', async () => {
    // Steps 3-8 repeat (open, type, tab); pin and close run once as back... no: back repeats too.
    // So mark pin as setup: it runs once, nothing grows per iteration.
    const setupPin = flowFile('setup-pin.json', [
      navigate,
      clickOn('Pin', 'pin'),
      { type: 'customStep', name: 'leakhound.action', parameters: {} },
      clickOn('Open panel', 'open'),
      { type: 'customStep', name: 'leakhound.back', parameters: {} },
      clickOn('Close', 'close'),
    ]);
    const r = await leakhound(['run', setupPin, ...FAST]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const m = await leakhound(['minimize', setupPin, ...FAST]);
    expect(m.code, m.stdout + m.stderr).to.equal(0);
    expect(m.stdout).to.include('does not leak');
    // --action-steps 2: the pin step becomes the action of the same file, and leaks.
    const asAction = await leakhound(['run', setupPin, ...FAST, '--action-steps', '2']);
    expect(asAction.code, asAction.stdout + asAction.stderr).to.equal(1);
    expect(asAction.stdout).to.include('PinnedNote');
  });

  it('an action that navigates to another document is refused naming the step (exit 3); pushState is fine', async () => {
    const away = flowFile('away.json', [navigate, clickOn('Other page', 'elsewhere')]);
    const r = await leakhound(['run', away, ...FAST]);
    expect(r.code, r.stdout + r.stderr).to.equal(3);
    const line = r.stdout.split('\n').find((l) => l.includes('navigated the page'));
    expect(line, r.stdout).to.match(/away\.json: step 2 \(click aria\/Other page\) navigated the page to http:\/\/127\.0\.0\.1:\d+\/other\.html; a reload resets the heap/);

    const mjs = join(t.dir, 'reload.mjs');
    writeFileSync(mjs, `export default { url: '/notes.html', async action(page) { await page.evaluate(() => location.reload()); } };\n`);
    const rr = await leakhound(['run', mjs, ...FAST]);
    expect(rr.code, rr.stdout + rr.stderr).to.equal(3);
    expect(rr.stdout).to.match(/action \(warm-up\) failed: reloaded the page \(http:\/\/127\.0\.0\.1:\d+\/notes\.html\); a reload resets the heap/);

    const link = join(t.dir, 'link.mjs');
    writeFileSync(link, `export default { url: '/notes.html', async action(page) { await page.click('#elsewhere'); }, async back(page) { await page.goBack(); } };\n`);
    const rl = await leakhound(['run', link, ...FAST]);
    expect(rl.code, rl.stdout + rl.stderr).to.equal(3);
    expect(rl.stdout).to.match(/navigated the page to http:\/\/127\.0\.0\.1:\d+\/other\.html/);

    const routed = flowFile('route.json', [navigate, clickOn('Route', 'route')]);
    const rp = await leakhound(['run', routed, ...FAST]);
    expect(rp.code, rp.stdout + rp.stderr).to.equal(0);
  });

  it('minimize of a flow that cannot be replayed: exit 3, one line naming the step', async () => {
    const broken = join(t.dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ title: 'broken', timeout: 1000, steps: [navigate, clickOn('Pin', 'pin'), clickOn('No such button', 'nope')] }));
    const r = await leakhound(['minimize', broken, ...FAST]);
    expect(r.code, r.stdout + r.stderr).to.equal(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).to.have.length(1);
    expect(lines[0]).to.match(/step 3 \(click aria\/No such button\)/);
  });

  it('bad flows and flags: exit 2 with one line naming the file', async () => {
    const bad = join(t.dir, 'bad.json');
    writeFileSync(bad, '{ "title": "x", "steps": [ ');
    const cases: [string[], RegExp][] = [
      [['run', bad, ...FAST], /bad\.json: not JSON/],
      [['minimize', bad, ...FAST], /bad\.json: not JSON/],
      [['run', flowFile('empty.json', []), ...FAST], /empty\.json: no steps/],
      [['run', flowFile('nonav.json', [clickOn('Pin', 'pin')]), ...FAST], /nonav\.json: no navigate step/],
      [['run', flowFile('marker.json', [navigate, { type: 'customStep', name: 'leakhound.start', parameters: {} }, clickOn('Pin', 'pin')]), ...FAST], /marker\.json: step 2: unknown marker leakhound\.start/],
      [['run', flowFile('nav-in-action.json', [navigate, clickOn('Pin', 'pin'), navigate]), ...FAST], /nav-in-action\.json: step 3 \(navigate .*\) is in the action/],
      [['run', PIN, ...FAST, '--action-steps', '2-12'], /--action-steps 2-12 is out of range: .*pin-note\.json has steps 3-10/],
      [['minimize', PIN, ...FAST, '--action-steps', '11'], /--action-steps 11 is out of range/],
      [['run', join(t.dir, 'link.mjs'), ...FAST, '--action-steps', '3'], /--action-steps 3: only DevTools Recorder flows/],
      [['minimize', join(t.dir, 'nope.json'), ...FAST], /nope\.json: no such file/],
      [['minimize', PIN, ...FAST, '--max-hunts', '0'], /--max-hunts/],
    ];
    for (const [args, want] of cases) {
      const r = await leakhound(args);
      expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).to.equal(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).to.have.length(1);
      expect(lines[0]).to.match(want);
    }
  });
});

describe('ddmin (the search minimize runs, on a synthetic test)', () => {
  const oracle = (needed: number[], log: string[]) => async (subset: readonly number[]) => {
    log.push(subset.join(','));
    return needed.every((n) => subset.includes(n));
  };

  it('finds one culprit among eight, and a pair that only leaks together; never tests a subset twice', async () => {
    const log: string[] = [];
    const one = await ddmin(8, oracle([6], log));
    expect(one).to.deep.include({ kept: [6], exhausted: false });
    expect(new Set(log).size).to.equal(log.length);
    expect(one.tests).to.equal(log.length);
    const pairLog: string[] = [];
    const pair = await ddmin(8, oracle([1, 5], pairLog));
    expect(pair.kept).to.deep.equal([1, 5]);
    expect(new Set(pairLog).size).to.equal(pairLog.length);
  });

  it('stops at the budget with the smallest reproducing set found so far', async () => {
    const log: string[] = [];
    const r = await ddmin(8, oracle([6], log), { maxTests: 2 });
    expect(r.exhausted).to.equal(true);
    expect(r.tests).to.equal(2);
    expect(r.kept).to.deep.equal([4, 5, 6, 7]);
  });

  it('a single step is already minimal: nothing is tested', async () => {
    const log: string[] = [];
    expect(await ddmin(1, oracle([0], log))).to.deep.equal({ kept: [0], tests: 0, exhausted: false });
    expect(log).to.deep.equal([]);
  });
});
