// Rule `suspect.callback-capture`. Timers, animation frames, idle callbacks and observers
// keep a page's callback in Blink's own tables (DOMTimerCoordinator, ScriptedAnimation-
// Controller, observer registrations): walking back from the leaked objects finds no
// reference the page wrote, and the default suspect is an engine element
// (`DOMTimerCoordinator[1]`) a developer cannot act on. The page's own name for what stays
// alive is past the callback: the variable it captured (`widget`, `spinner`) or a property
// of it. That reference becomes the suspect. Listeners registered during the hunt are
// named by their registration instead (listener-suspect.ts), which runs first.
import type { ChainStep } from './result.js';

/** Whether page code can name this step's outgoing reference (as chain.ts#suspectStep decides). */
function nameable(step: ChainStep): boolean {
  const e = step.edge;
  if (!e) return false;
  if (e.type === 'property' || e.type === 'context') return true;
  return e.type === 'element' && (step.nodeType === 'object' || step.nodeType === 'closure');
}

/** Moves an engine-element suspect to the first page reference past the callback; returns whether it did. */
export function markCallbackCapture(chain: ChainStep[]): boolean {
  const current = chain.findIndex((c) => c.suspect);
  if (current < 0 || nameable(chain[current]) || chain[current].listener) return false;
  let callback = -1;
  for (let k = current + 1; k < chain.length; k++) {
    if (chain[k].nodeType === 'closure') {
      callback = k;
      break;
    }
  }
  if (callback < 0) return false;
  for (let k = callback; k < chain.length - 1; k++) {
    const e = chain[k].edge;
    if (!e || (e.type !== 'context' && e.type !== 'property') || e.name === '__proto__' || e.name === 'constructor') continue;
    chain[current].suspect = false;
    chain[k].suspect = true;
    return true;
  }
  return false;
}
