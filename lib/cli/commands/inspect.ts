// `leakhound inspect SCENARIO` (or `inspect URL --scenario F`): hunt one scenario, then keep
// the browser open with each leak's instance in the page as `$leak1`, `$leak2`…, until the
// browser is closed or Ctrl-C. The exit code is `run`'s: 0 clean, 1 leaks, 3 failed.
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { defineCommand } from '../command.js';
import { inspectScenario, type InspectSession } from '../../runner/inspect.js';
import type { ExposedLeak } from '../../runner/expose.js';
import { stepLabel } from '../../runner/hunt.js';
import { loadScenario } from '../../scenario/load.js';
import { validateIterations } from '../../scenario/validate.js';
import { startStaticServer, type StaticServer } from '../../static-server.js';
import { renderReport } from '../../report/index.js';
import { edgeAccessor } from '../../report/trace.js';
import { cleanText } from '../../report/escape.js';
import { toolVersion } from '../env.js';
import { RESULT_SCHEMA_VERSION, type HuntResult, type Leak } from '../../analysis/result.js';
import { UsageError } from '../../errors.js';
import { acceptedSignatures, exitCodeOf } from './run.js';

interface InspectArgs {
  target: string;
  scenario?: string;
  url?: string;
  serve?: string;
  iterations?: number;
  browser?: string;
  headful?: boolean;
  accept?: string;
  'action-steps'?: string;
  wait: boolean;
  'exit-after'?: number;
  progress?: 'simple' | 'silent';
}

export const inspectCommand = defineCommand<InspectArgs>({
  command: 'inspect <target>',
  describe: 'Hunt one scenario, then keep the page open with each leak as $leak1, $leak2… for DevTools',
  builder: (y: Argv) =>
    y
      .positional('target', { type: 'string', demandOption: true, describe: 'a scenario file, or the page URL when --scenario is given' })
      .option('scenario', { type: 'string', describe: 'the scenario file, when the positional argument is the page URL' })
      .option('url', { type: 'string', describe: 'the page, or the base URL that the scenario url is relative to' })
      .option('serve', { type: 'string', describe: 'serve this folder on 127.0.0.1 and use it as --url' })
      .option('iterations', { type: 'number', describe: "iterations of action/back (default 6, or the scenario's own)" })
      .option('browser', { type: 'string', describe: 'path to Chrome/Chromium' })
      .option('headful', {
        type: 'boolean',
        describe: 'show the browser window (default: when DISPLAY or WAYLAND_DISPLAY is set; --no-headful forces headless)',
      })
      .option('accept', { type: 'string', describe: "a previous run's --json result: its leaks are accepted" })
      .option('action-steps', { type: 'string', describe: 'Recorder flows (.json): which steps are the action, e.g. 3-7 (as for run)' })
      .option('wait', { type: 'boolean', default: true, describe: 'keep the browser open until it is closed or Ctrl-C (--no-wait exits at once)' })
      .option('exit-after', { type: 'number', describe: 'close the browser after SECONDS even if nobody closed it' })
      .option('progress', { choices: ['simple', 'silent'] as const, describe: 'step lines on stderr (default simple)' })
      .example('$0 inspect scenarios/settings.mjs --url http://localhost:3000', 'then type $leak1 in the DevTools console')
      .example('$0 inspect http://localhost:3000 --scenario flows/settings.json', 'the same, URL first')
      .check((a) => {
        if (a.iterations !== undefined) validateIterations(a.iterations);
        if (a.url && a.serve) throw new UsageError('use either --url or --serve, not both');
        const exitAfter = a['exit-after'] as number | undefined;
        if (exitAfter !== undefined && !(Number.isFinite(exitAfter) && exitAfter >= 0)) {
          throw new UsageError(`--exit-after must be a number of seconds ≥ 0, got ${String(exitAfter)}`);
        }
        return true;
      }) as unknown as Argv<InspectArgs>,
  run: async (args, ctx) => {
    const { scenarioFile, baseUrl: givenUrl } = targets(args);
    const note = args.progress === 'silent' ? () => undefined : ctx.note;
    if (givenUrl) checkUrl(givenUrl, args.scenario ? 'the page URL' : '--url');
    const accept = args.accept ? acceptedSignatures(args.accept) : undefined;
    const headful = args.headful ?? hasDisplay(ctx.env);

    let server: StaticServer | undefined;
    let session: InspectSession | undefined;
    try {
      if (args.serve) server = await startStaticServer({ root: resolve(args.serve) });
      const baseUrl = server?.url ?? givenUrl;
      // A Recorder flow's recorded origin moves to the served or given one, as in `run`.
      const loaded = await loadScenario(scenarioFile, { baseUrl, actionSteps: args['action-steps'] });
      session = await inspectScenario(loaded, {
        baseUrl,
        iterations: args.iterations,
        browser: args.browser,
        headful,
        accept,
        onStep: (step, detail) => note(stepLabel(step, detail)),
      });
      const result: HuntResult = {
        schemaVersion: RESULT_SCHEMA_VERSION,
        tool: { name: 'leakhound', version: toolVersion() },
        browser: session.browser,
        startedAt: session.startedAt,
        durationMs: Date.now() - Date.parse(session.startedAt),
        scenarios: [session.result],
      };
      ctx.out.line(renderReport(result, 'terminal', { color: ctx.out.colors.isColorSupported, width: process.stdout.columns }).trimEnd());
      ctx.out.line('');
      if (session.result.status === 'failed') ctx.out.line('Nothing exposed: the hunt failed (see above); the page is as the failing step left it.');
      else for (const line of exposureLines(session.exposed)) ctx.out.line(line);
      const code = exitCodeOf(result);
      if (!args.wait) return code;

      ctx.out.line('');
      for (const line of howToAttach(session, headful)) ctx.out.line(line);
      await untilDone(session, args['exit-after']);
      return code;
    } finally {
      await session?.close();
      await server?.close();
    }
  },
});


function targets(args: InspectArgs): { scenarioFile: string; baseUrl?: string } {
  if (args.scenario) {
    if (args.url || args.serve) throw new UsageError(`with --scenario, ${args.target} is the page URL: drop --url/--serve`);
    return { scenarioFile: args.scenario, baseUrl: args.target };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(args.target)) {
    throw new UsageError(`${args.target} looks like a URL: pass the scenario file with --scenario F`);
  }
  return { scenarioFile: args.target, baseUrl: args.url };
}

function checkUrl(url: string, what: string): void {
  if (!URL.canParse(url) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new UsageError(`${what} ${url} is not an absolute URL (e.g. http://localhost:3000/)`);
  }
}

/** A window can only be shown where there is a display server to show it on. */
export function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return !!(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** One line per leak: `$leak1  SettingsPanel  (chain Window.openPanels → Array[3] → SettingsPanel)`. */
export function exposureLines(exposed: readonly ExposedLeak[]): string[] {
  if (exposed.length === 0) return ['No leaks to expose.'];
  const width = Math.max(...exposed.map((e) => e.name.length));
  return exposed.map((e) => {
    const head = `${e.name.padEnd(width)}  ${cleanText(e.leak.headline, 80)}`;
    const ignored = e.leak.ignored ? ' [accepted]' : '';
    if (!e.exposed) return `${head}${ignored}  (not exposed: ${e.problem ?? 'unknown'})`;
    const which = e.exposed.className === e.leak.headline ? '' : `  → a ${cleanText(e.exposed.className, 80)} on its chain`;
    return `${head}${ignored}${which}  (chain ${chainText(e.leak)})`;
  });
}

function chainText(leak: Leak): string {
  const parts: string[] = [];
  leak.chain.forEach((step, i) => {
    const accessor = step.edge ? edgeAccessor(step.edge) : '';
    // Engine plumbing (`system / Context`…) keeps only its reference, so a script-scope
    // variable reads as a path: `Window.native_context.script_context_table[2].kept`.
    if (i > 0 && step.className.startsWith('system /') && parts.length > 0) {
      parts[parts.length - 1] += accessor;
      return;
    }
    // `Window [JSGlobalObject] / http://…` says more than a one-line chain needs.
    const name = i === 0 ? step.className.split(/ [[/]/)[0]! : step.className;
    parts.push(cleanText(name, 60) + accessor);
  });
  return parts.join(' → ');
}

function howToAttach(session: InspectSession, headful: boolean): string[] {
  const lines: string[] = [];
  if (headful) {
    lines.push('The browser stays open: open DevTools on the page (F12) and type $leak1 in the console.');
  } else {
    lines.push('The page stays open in a headless browser. Attach DevTools to it:');
    lines.push(`  ${session.attach.devtoolsUrl}`);
    lines.push(`  or chrome://inspect → Configure… → 127.0.0.1:${session.attach.port}; for tools: ${session.attach.browserWSEndpoint}`);
  }
  lines.push('Close the browser or press Ctrl-C to end.');
  return lines;
}

/** Until the browser or page goes away, Ctrl-C / SIGTERM, or `--exit-after` seconds. */
function untilDone(session: InspectSession, exitAfter: number | undefined): Promise<void> {
  // Puppeteer's launcher has its own handlers that kill the browser and exit 130 at once;
  // while we wait, Ctrl-C means "done inspecting", which ends with run's exit code. They are
  // put back afterwards, so a Ctrl-C during the hunt itself still stops everything.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const theirs = signals.map((sig) => [sig, process.listeners(sig)] as const);
  for (const sig of signals) process.removeAllListeners(sig);
  return new Promise<void>((done) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      for (const sig of signals) process.off(sig, finish);
      for (const [sig, listeners] of theirs) for (const l of listeners) process.on(sig, l as () => void);
      if (timer) clearTimeout(timer);
      done();
    };
    for (const sig of signals) process.once(sig, finish);
    if (exitAfter !== undefined) timer = setTimeout(finish, exitAfter * 1000);
    void session.closed.then(finish);
  });
}
