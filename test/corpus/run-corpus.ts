// `npm run corpus`: every corpus case hunted RUNS times (default 5) in one browser, then a
// table per case (verdict, rank of the expected class, rows, wall time) and the totals the
// corpus issue sets its bar on: recall, false alarms, flaky cases, mean rows per leak page.
// The same checks as the corpus test (harness.ts#judge); a case failing the check its
// expect.json names as a knownIssue is counted apart, not as a pass.
//   npm run corpus -- --runs 3 --filter leak-map --concurrency 1
import { launchBrowser } from '../../lib/browser/launch.js';
import { corpusConcurrency, listCases, runCases, type CaseOutcome } from './harness.js';

function flag(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const runs = Number(flag('runs', '5'));
const filter = flag('filter');
const concurrency = Number(flag('concurrency', String(corpusConcurrency())));
const cases = listCases(filter ? new RegExp(filter) : undefined);
const { browser, version } = await launchBrowser();
const outcomes = new Map<string, CaseOutcome[]>();
const started = Date.now();
const known = (o: CaseOutcome) => !o.pass && !!o.expect.knownIssue && o.expect.knownIssue.check === o.failedCheck;
try {
  for (let r = 1; r <= runs; r++) {
    const pending = runCases(browser, cases, concurrency);
    for (const name of cases) {
      const o = await pending.get(name)!;
      const list = outcomes.get(name) ?? [];
      list.push(o);
      outcomes.set(name, list);
      const mark = o.pass ? 'ok  ' : known(o) ? 'KNOWN' : 'FAIL';
      process.stderr.write(`run ${r}/${runs} ${mark} ${name}${o.problem ? `: ${o.problem}` : ''}\n`);
    }
  }
} finally {
  await browser.close();
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`\nleakhound corpus: ${cases.length} cases × ${runs} runs, ${concurrency} at a time, ${version}\n`);
console.log(`${pad('case', 38)} ${pad('verdict', 10)} ${lpad('rank', 5)} ${lpad('rows', 5)} ${lpad('ms', 7)}  passes`);
let leakRuns = 0;
let found = 0;
let falseAlarms = 0;
let flaky = 0;
let rowSum = 0;
let rankSum = 0;
let failedRuns = 0;
let knownRuns = 0;
for (const name of cases) {
  const list = outcomes.get(name)!;
  const leak = list[0].expect.leak;
  const passes = list.filter((o) => o.pass).length;
  if (passes !== 0 && passes !== list.length) flaky++;
  const knownFails = list.filter(known).length;
  knownRuns += knownFails;
  failedRuns += list.length - passes - knownFails;
  for (const o of list) {
    if (leak) {
      leakRuns++;
      if (o.rank > 0) found++;
      rowSum += o.rows;
      rankSum += o.rank;
    } else if (o.rows > 0) {
      falseAlarms += o.rows;
    }
  }
  const verdicts = [...new Set(list.map((o) => o.result.status))].join('/');
  const ranks = leak ? [...new Set(list.map((o) => o.rank))].join('/') : '-';
  const rows = [...new Set(list.map((o) => o.rows))].join('/');
  const ms = Math.round(list.reduce((a, o) => a + o.ms, 0) / list.length);
  console.log(`${pad(name, 38)} ${pad(verdicts, 10)} ${lpad(ranks, 5)} ${lpad(rows, 5)} ${lpad(ms, 7)}  ${passes}/${list.length}`);
}
const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`
recall               ${pct(found, leakRuns)} (${found}/${leakRuns} leak runs found)
false alarms         ${falseAlarms} rows over all clean runs
flaky cases          ${flaky}
failed runs          ${failedRuns}
known-issue runs     ${knownRuns} (failing the check their expect.json names as knownIssue)
mean rows/leak page  ${leakRuns ? (rowSum / leakRuns).toFixed(2) : '-'}
mean rank expected   ${found ? (rankSum / found).toFixed(2) : '-'}
wall time            ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failedRuns > 0 ? 1 : 0;
