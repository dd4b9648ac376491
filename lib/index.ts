// leakhound's public API. Three layers can be used on their own:
//  - the heap engine (`readHeapSnapshot` and pure analyses over a HeapSnapshot), offline,
//    for snapshots saved from Chrome DevTools or taken by any tool;
//  - the hunt (`runSweep`, `huntScenario`) that drives Chromium through scenarios, and
//    `startHunt` for a page your own Puppeteer/Playwright code (or CDP session) drives;
//  - the reporters, which render a HuntResult as terminal text, JSON, JUnit, Markdown or HTML.
//
//   import { readHeapSnapshot, classStatistics } from 'leakhound';
//   const snap = await readHeapSnapshot('page.heapsnapshot');
//   console.log(classStatistics(snap).slice(0, 10));

export * from './heap/index.js';

export { computeVerdict, VerdictInputError, type Verdict, type VerdictInput, type ListenerCount } from './analysis/verdict.js';
export { RULES as VERDICT_RULES, type Rule as VerdictRule } from './analysis/rules.js';
export { summarizeSnapshot, type SnapshotSummary } from './analysis/summary.js';
export {
  RESULT_SCHEMA_VERSION,
  type HuntResult,
  type ScenarioResult,
  type ScenarioStatus,
  type Leak,
  type LeakKind,
  type LeakClass,
  type ChainStep as LeakChainStep,
  type CounterSample,
  type ListenerGrowth,
  type CollectionGrowth,
  type HiddenSummary,
  type PhaseTimings,
  type ShardInfo,
  type RunHistoryInfo,
  type FixedLeak,
  type TrendPoint,
  type LeakHistory,
} from './analysis/result.js';

export { runSweep, type SweepOptions } from './runner/sweep.js';
// Scale: a running browser (--connect), sharded sweeps merged, history across runs.
export { connectBrowser, resolveWebSocketUrl, type ConnectOptions, type ConnectedBrowser } from './browser/connect.js';
export { mergeResults, type ShardInput } from './runner/merge.js';
export { analyzeSnapshotFiles, type AnalyzeFilesOptions, type SnapshotFiles } from './runner/analyze.js';
export { identitySample, checkSameSession, type IdentitySample, type SessionMismatch } from './analysis/same-session.js';
export { compareWithHistory, isNewLeak, type HistoryComparison } from './history/compare.js';
export { parseHistory, rowsOfRun, serializeRows, type HistoryRow } from './history/rows.js';
export { readHistoryFile, appendHistoryFile } from './history/file.js';
export {
  huntScenario,
  startHunt,
  DEFAULT_ITERATIONS,
  type Hunt,
  type StartHuntOptions,
  type HuntOptions,
  type HuntStep,
  type HuntTarget,
  type PlaywrightPage,
} from './runner/hunt.js';
export { withTimeout, CdpTimeoutError, type CdpSession } from './browser/cdp.js';
// Leak checks inside a test suite (also `leakhound/testing`; the Playwright fixture is `leakhound/playwright`).
export { huntPage, assertNoLeaks, LeakAssertionError, toNotLeak, leakMatchers, toHuntResult, type HuntPageOptions } from './testing.js';
export { inspectScenario, type InspectOptions, type InspectSession, type AttachInfo } from './runner/inspect.js';
export { exposeLeaks, type ExposedLeak } from './runner/expose.js';

export { launchBrowser, type LaunchOptions, type LaunchedBrowser } from './browser/launch.js';
export { findBrowser, type FoundBrowser, type FindBrowserOptions } from './browser/find-browser.js';
export { HeapSession, type HeapCounters, type HeapSessionOptions } from './browser/heap-session.js';

export { defineScenario, type Scenario, type LoadedScenario, type LoadOptions } from './scenario/types.js';
export { loadScenario } from './scenario/load.js';
export { parseRecorderFlow, splitFlow, subFlowJson, describeStep, type RecorderFlow, type FlowSplit } from './scenario/recorder.js';
export { recorderScenario } from './scenario/recorder-replay.js';
export { minimizeFlow, ddmin, type MinimizeOptions, type MinimizeResult } from './runner/minimize.js';
export { NavigationWatch, type MainFrameNavigation } from './browser/navigation-watch.js';

export { renderReport, REPORT_FORMATS, type ReportFormat, type ReportOptions } from './report/index.js';
export { startStaticServer, type StaticServer, type StaticServerOptions } from './static-server.js';
export { ExitCode, LeakhoundError, UsageError, BrowserError, ScenarioError } from './errors.js';
