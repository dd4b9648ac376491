// fuite's scenario for the same flow as scenarios/reports-chart.mjs, for the head-to-head
// in `npm run bench:hunt`. The steps are leakhound's own (imported, not copied), so both
// tools drive the page identically; after each step fuite waits its default way (idle
// callback, network idle, idle callback), as its built-in scenario does. (This flow, not the
// settings dialog: with a dialog open, headless Chromium may never grant an idle period and
// fuite's unbounded requestIdleCallback wait hangs.)
//   fuite http://127.0.0.1:PORT/#/team --scenario bench/fuite/reports-chart.mjs -i 7
import leakhound from '../../scenarios/reports-chart.mjs';
import { defaultWaitForPageIdle } from '../peers/node_modules/fuite/src/puppeteerUtil.js';

export async function setup(page) {
  await leakhound.setup(page);
}

export async function iteration(page) {
  await leakhound.action(page);
  await defaultWaitForPageIdle(page);
  await leakhound.back(page);
  await defaultWaitForPageIdle(page);
}
