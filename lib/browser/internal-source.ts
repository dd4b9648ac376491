// Names for code that leakhound and Puppeteer run inside the page. The heap analysis hides
// objects that only such code holds, so every script we inject must carry one of these.

export const INTERNAL_URL_PREFIX = 'leakhound-internal://';

/** Puppeteer appends `-<version>` to this world name. */
export const PUPPETEER_UTILITY_WORLD = '__puppeteer_utility_world__';
/** Playwright appends the page's guid (`__playwright_utility_world_page@…`). */
export const PLAYWRIGHT_UTILITY_WORLD = '__playwright_utility_world_';

/** Appends a `sourceURL` comment so the script is recognisably ours in the debugger and snapshots. */
export function withInternalSourceUrl(expression: string, name: string): string {
  return `${expression}\n//# sourceURL=${INTERNAL_URL_PREFIX}${name}\n`;
}

/** Script URLs (or `sourceURL`s) of Puppeteer's and leakhound's own page scripts. */
export function isInternalScriptUrl(url: string): boolean {
  return (
    url.startsWith('pptr:') ||
    url.startsWith('__puppeteer_evaluation_script__') ||
    url.startsWith(INTERNAL_URL_PREFIX)
  );
}

/** The isolated worlds where Puppeteer and Playwright run their own helpers (selectors, waits). */
export function isDriverUtilityWorld(contextName: string): boolean {
  return contextName.startsWith(PUPPETEER_UTILITY_WORLD) || contextName.startsWith(PLAYWRIGHT_UTILITY_WORLD);
}
