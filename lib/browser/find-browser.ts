// Finds a Chrome/Chromium to drive. Installs skip Puppeteer's browser download (the network
// is often closed), so an installed browser is the normal case, not the fallback.

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { executablePath as puppeteerExecutablePath } from 'puppeteer';
import { BrowserError } from '../errors.js';

export type BrowserSource = 'flag' | 'env' | 'puppeteer-cache' | 'system';

export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

export interface FindBrowserOptions {
  /** `--browser PATH`; wins over everything and must exist. */
  browser?: string;
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Where Puppeteer would have downloaded its Chrome; defaults to asking Puppeteer. */
  puppeteerCache?: () => Promise<string | undefined>;
  /** Absolute paths to try, in order; defaults to the usual install places for `platform`. */
  candidates?: readonly string[];
  /** Command names looked up on `env.PATH` after `candidates`. */
  commands?: readonly string[];
  platform?: NodeJS.Platform;
}

export const HOW_TO_GET_A_BROWSER =
  'pass --browser PATH, set PUPPETEER_EXECUTABLE_PATH, install Chromium (apt-get install -y chromium) ' +
  'or run `npx puppeteer browsers install chrome`';

const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export async function findBrowser(opts: FindBrowserOptions = {}): Promise<FoundBrowser> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;

  if (opts.browser !== undefined) {
    const path = resolve(opts.browser);
    const problem = executableProblem(path, platform);
    if (problem) throw new BrowserError(`--browser ${opts.browser}: ${problem}`);
    return { path, source: 'flag' };
  }

  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    // An explicit setting that points nowhere is a mistake to report, not a reason to
    // silently drive some other browser.
    const problem = executableProblem(fromEnv, platform);
    if (problem) throw new BrowserError(`PUPPETEER_EXECUTABLE_PATH=${fromEnv}: ${problem}`);
    return { path: fromEnv, source: 'env' };
  }

  const cached = await (opts.puppeteerCache ?? defaultPuppeteerCache)();
  if (cached && !executableProblem(cached, platform)) return { path: cached, source: 'puppeteer-cache' };

  for (const path of opts.candidates ?? systemCandidates(platform, env)) {
    if (!executableProblem(path, platform)) return { path, source: 'system' };
  }
  for (const command of opts.commands ?? COMMANDS) {
    const path = onPath(command, env, platform);
    if (path) return { path, source: 'system' };
  }
  throw new BrowserError(`no Chrome or Chromium found: ${HOW_TO_GET_A_BROWSER}`);
}

async function defaultPuppeteerCache(): Promise<string | undefined> {
  try {
    const path = await puppeteerExecutablePath();
    // Puppeteer answers with PUPPETEER_EXECUTABLE_PATH from the real environment when it is
    // set; that is the 'env' source, already decided from the env we were given.
    return path === process.env.PUPPETEER_EXECUTABLE_PATH ? undefined : path;
  } catch {
    return undefined;
  }
}

export function systemCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    const dirs = ['/Applications', env.HOME ? join(env.HOME, 'Applications') : undefined];
    return dirs.flatMap((dir) => (dir ? apps.map((app) => join(dir, app)) : []));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA];
    return roots.flatMap((root) =>
      root
        ? [join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(root, 'Chromium', 'Application', 'chrome.exe')]
        : [],
    );
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

function onPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const names = platform === 'win32' ? [`${command}.exe`] : [command];
  for (const dir of dirs) {
    for (const name of names) {
      const path = join(dir, name);
      if (!executableProblem(path, platform)) return path;
    }
  }
  return undefined;
}

/** Why `path` cannot be run, or undefined when it can. */
function executableProblem(path: string, platform: NodeJS.Platform): string | undefined {
  try {
    if (!statSync(path).isFile()) return 'not a file';
  } catch {
    return 'no such file';
  }
  if (platform === 'win32') return undefined;
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return 'not executable';
  }
}
