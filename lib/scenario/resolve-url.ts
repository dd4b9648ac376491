// The page a scenario opens: its own `url` when absolute, else that path resolved against
// `--url` the way a browser resolves a link, so one scenario runs against any deployment.

import { UsageError } from '../errors.js';

export function resolveScenarioUrl(scenarioUrl: string | undefined, baseUrl: string | undefined): string {
  if (scenarioUrl !== undefined && isAbsolute(scenarioUrl)) return scenarioUrl;
  if (baseUrl === undefined || baseUrl === '') {
    throw new UsageError(
      scenarioUrl === undefined
        ? 'no page to open: pass --url or set url in the scenario'
        : `the scenario's url ${scenarioUrl} is relative: pass --url to resolve it against`,
    );
  }
  if (!isAbsolute(baseUrl)) throw new UsageError(`--url ${baseUrl} is not an absolute URL (try http://${baseUrl})`);
  return scenarioUrl === undefined ? baseUrl : new URL(scenarioUrl, baseUrl).href;
}

/** `localhost:3000` parses as a URL with scheme `localhost:`; demand `scheme://` instead. */
function isAbsolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? URL.canParse(url) : /^(about|data|blob):/i.test(url);
}
