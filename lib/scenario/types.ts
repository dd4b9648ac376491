// What a scenario file exports. Scenario files need not import anything: a plain object
// with an `action` is a scenario; `defineScenario` only adds editor types.

import type { Page } from 'puppeteer';

export interface Scenario {
  /** Shown in reports; defaults to the file name. */
  name?: string;
  /** Absolute, or relative to `--url`. */
  url?: string;
  /** Runs once after the page loads, before the warm-up iteration. */
  setup?(page: Page): Promise<void> | void;
  /** The step suspected of leaking; repeated every iteration. */
  action(page: Page): Promise<void> | void;
  /** Undoes `action` (close the dialog, navigate back) so iterations start alike. */
  back?(page: Page): Promise<void> | void;
  /** How many times to repeat `action` + `back`. */
  iterations?: number;
  /** Class names or retainer patterns never to report for this scenario. */
  ignore?: string[];
}

export interface LoadedScenario {
  /** Absolute path of the scenario file. */
  file: string;
  scenario: Scenario;
  /** `scenario.name`, or the file name without its extension. */
  name: string;
}

/** How `loadScenario` reads a DevTools Recorder flow (.json); scenario modules ignore it. */
export interface LoadOptions {
  /** `--action-steps 3-7`: 1-based positions in the flow's `steps` array; overrides its markers. */
  actionSteps?: string;
  /** `--url`: a flow's recorded origin is replaced by this URL's origin. */
  baseUrl?: string;
}

export function defineScenario<S extends Scenario>(scenario: S): S {
  return scenario;
}
