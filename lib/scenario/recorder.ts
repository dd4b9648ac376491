// Chrome DevTools Recorder exports (`{ title, steps: [...] }`) as leakhound scenarios: the
// JSON is checked step by step, then cut into setup / action / back. Pure: nothing here
// touches a browser, so a bad file fails in milliseconds with one line naming it.
//
// Step numbers are 1-based positions in the file's `steps` array — every entry counts,
// setViewport, navigate and leakhound marker steps included — which is the order the
// Recorder panel lists them in.

import { basename } from 'node:path';
import { parseStep, type Step, type UserFlow } from '@puppeteer/replay';
import { UsageError } from '../errors.js';

export const ACTION_MARKER = 'leakhound.action';
export const BACK_MARKER = 'leakhound.back';
const MARKER_PREFIX = 'leakhound.';

/** A Recorder flow as read from disk: `raw` keeps every field as exported, for writing back. */
export interface RecorderFlow {
  title: string;
  timeout?: number;
  /** Parsed by @puppeteer/replay, one per entry of `steps`. */
  steps: Step[];
  /** The file's JSON object, untouched. */
  raw: Record<string, unknown> & { steps: unknown[] };
}

/** Where a flow's parts are, as 0-based indexes into `steps`. Markers belong to no part. */
export interface FlowSplit {
  /** The first `navigate` step: the page the hunt opens. */
  navigate: number;
  /** Steps before the first navigate (setViewport, network conditions): replayed first in setup. */
  before: number[];
  setup: number[];
  action: number[];
  back: number[];
}

export interface SplitOptions {
  /** `--action-steps 3-7` or `5`: 1-based step numbers; overrides the file's markers. */
  actionSteps?: string;
}

/** Parses a Recorder export; `file` names it in every error. */
export function parseRecorderFlow(text: string, file: string): RecorderFlow {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not JSON (${(err as Error).message}); expected a Chrome DevTools Recorder export`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${file}: not a Recorder flow: expected an object with "title" and "steps"`);
  }
  const raw = data as Record<string, unknown>;
  if (!Array.isArray(raw.steps) || raw.steps.length === 0) {
    throw new UsageError(`${file}: no steps: a Recorder export has a non-empty "steps" array`);
  }
  if (raw.title !== undefined && typeof raw.title !== 'string') {
    throw new UsageError(`${file}: "title" must be a string`);
  }
  if (raw.timeout !== undefined && (typeof raw.timeout !== 'number' || !(raw.timeout > 0))) {
    throw new UsageError(`${file}: "timeout" must be a positive number of milliseconds`);
  }
  const steps = raw.steps.map((s, i) => {
    try {
      // No index passed: replay's own messages number steps from 0.
      return parseStep(s);
    } catch (err) {
      const why = (err as Error).message.replace(/^Step (is|does)/, 'it $1').replace(/^Type of the step/, 'its type');
      throw new UsageError(`${file}: step ${i + 1}: ${lowerFirst(why)}`);
    }
  });
  return {
    title: typeof raw.title === 'string' && raw.title.trim() ? raw.title : basename(file).replace(/\.json$/i, ''),
    timeout: raw.timeout as number | undefined,
    steps,
    raw: raw as RecorderFlow['raw'],
  };
}

/** Cuts a flow into setup / action / back by `--action-steps`, else its markers, else "all of it is the action". */
export function splitFlow(flow: RecorderFlow, file: string, opts: SplitOptions = {}): FlowSplit {
  const steps = flow.steps;
  const navigate = steps.findIndex((s) => s.type === 'navigate');
  if (navigate < 0) {
    throw new UsageError(`${file}: no navigate step: record the flow from the page's first load so it starts with one`);
  }
  const markers: { action?: number; back?: number } = {};
  steps.forEach((s, i) => {
    const name = markerName(s);
    if (name === undefined) return;
    const which = name === ACTION_MARKER ? 'action' : name === BACK_MARKER ? 'back' : undefined;
    if (!which) throw new UsageError(`${file}: step ${i + 1}: unknown marker ${name} (use ${ACTION_MARKER} or ${BACK_MARKER})`);
    if (markers[which] !== undefined) {
      throw new UsageError(`${file}: step ${i + 1}: a second ${name} marker (the first is step ${markers[which]! + 1})`);
    }
    if (i < navigate) throw new UsageError(`${file}: step ${i + 1}: the ${name} marker comes before the first navigate (step ${navigate + 1})`);
    markers[which] = i;
  });

  let actionStart: number;
  let actionEnd: number; // exclusive
  if (opts.actionSteps !== undefined) {
    [actionStart, actionEnd] = parseActionSteps(opts.actionSteps, steps.length, navigate, file);
  } else {
    if (markers.action !== undefined && markers.back !== undefined && markers.back < markers.action) {
      throw new UsageError(`${file}: step ${markers.back + 1}: the ${BACK_MARKER} marker comes before the ${ACTION_MARKER} marker (step ${markers.action + 1})`);
    }
    actionStart = markers.action !== undefined ? markers.action + 1 : navigate + 1;
    actionEnd = markers.back ?? steps.length;
  }
  const isMarker = (i: number) => markerName(steps[i]!) !== undefined;
  const range = (from: number, to: number) => {
    const out: number[] = [];
    for (let i = from; i < to; i++) if (!isMarker(i)) out.push(i);
    return out;
  };
  const split: FlowSplit = {
    navigate,
    before: range(0, navigate),
    setup: range(navigate + 1, actionStart),
    action: range(actionStart, actionEnd),
    back: range(actionEnd, steps.length),
  };
  if (split.action.length === 0) {
    throw new UsageError(`${file}: no action steps: ${opts.actionSteps !== undefined ? `--action-steps ${opts.actionSteps} holds only markers` : 'nothing between the markers to repeat'}`);
  }
  // A navigate step inside the loop is refused before any browser starts; clicks that
  // navigate are caught while replaying.
  for (const i of [...split.action, ...split.back]) {
    if (steps[i]!.type === 'navigate') {
      const part = split.action.includes(i) ? 'action' : 'back';
      throw new UsageError(
        `${file}: step ${i + 1} (${describeStep(steps[i]!)}) is in the ${part}: a navigation loads a new document and resets the heap, so leakhound cannot compare snapshots across it — end the ${part} on the same document`,
      );
    }
  }
  return split;
}

/** `3-7` or `5` → [start, end) as 0-based indexes, checked against the flow. */
function parseActionSteps(spec: string, count: number, navigate: number, file: string): [number, number] {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(spec);
  if (!m) throw new UsageError(`--action-steps ${spec}: expected a step number or a range like 3-7`);
  const from = Number(m[1]);
  const to = m[2] !== undefined ? Number(m[2]) : from;
  if (from > to) throw new UsageError(`--action-steps ${spec}: the range is backwards (try ${to}-${from})`);
  const first = navigate + 2;
  if (from < first || to > count) {
    throw new UsageError(
      first > count
        ? `--action-steps ${spec}: ${file} has no steps after its first navigate (step ${navigate + 1})`
        : `--action-steps ${spec} is out of range: ${file} has steps ${first}-${count} after its first navigate (step ${navigate + 1}); steps count from 1 in the file's "steps" array`,
    );
  }
  return [from - 1, to];
}

/** The marker name of a `customStep` named `leakhound.*`, else undefined (other custom steps are ordinary). */
export function markerName(step: Step): string | undefined {
  return step.type === 'customStep' && step.name.startsWith(MARKER_PREFIX) ? step.name : undefined;
}

/** `click aria/Pin`, `change #name to "ada"`: how a step is named in messages and minimize output. */
export function describeStep(step: Step): string {
  const target = 'selectors' in step && step.selectors?.length ? ` ${selectorText(step.selectors[0]!)}` : '';
  switch (step.type) {
    case 'navigate':
      return `navigate ${step.url}`;
    case 'change':
      return `change${target} to ${JSON.stringify(clip(step.value))}`;
    case 'keyDown':
    case 'keyUp':
      return `${step.type} ${step.key}`;
    case 'setViewport':
      return `setViewport ${step.width}×${step.height}`;
    case 'waitForExpression':
      return `waitForExpression ${clip(step.expression)}`;
    case 'customStep':
      return `customStep ${step.name}`;
    default:
      return `${step.type}${target}`;
  }
}

function selectorText(sel: string | string[]): string {
  return clip(Array.isArray(sel) ? sel.join(' >>> ') : sel);
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The flow with only `keep` of its action steps, as Recorder JSON in the export's own
 * schema: steps as they were in the file, markers placed so `leakhound run` on the result
 * repeats exactly the kept steps.
 */
export function subFlowJson(flow: RecorderFlow, split: FlowSplit, keep: readonly number[], title?: string): Record<string, unknown> {
  const raw = flow.raw.steps;
  const pick = (ids: readonly number[]) => ids.map((i) => raw[i]);
  const marker = (name: string) => ({ type: 'customStep', name, parameters: {} });
  const kept = new Set(keep);
  return {
    ...flow.raw,
    title: title ?? flow.raw.title ?? flow.title,
    steps: [
      ...pick(split.before),
      raw[split.navigate],
      ...pick(split.setup),
      marker(ACTION_MARKER),
      ...pick(split.action.filter((i) => kept.has(i))),
      ...(split.back.length ? [marker(BACK_MARKER), ...pick(split.back)] : []),
    ],
  };
}

export type { Step, UserFlow };
