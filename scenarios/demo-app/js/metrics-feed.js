import { EventBus } from './lib/event-bus.js';

// Live team metrics, pushed once a second for the whole session (a WebSocket in the real app).
export const metricsFeed = new EventBus();

function sampleAt(tick) {
  return {
    at: Date.now(),
    opened: 4 + Math.round(3 * Math.sin(tick / 3)),
    merged: 3 + Math.round(2 * Math.cos(tick / 4)),
  };
}

let tick = 60;

/** The last `count` samples, as the history endpoint would return them. */
export function recentSamples(count) {
  return Array.from({ length: count }, (_, i) => sampleAt(tick - count + i));
}

setInterval(() => {
  tick += 1;
  metricsFeed.emit('sample', sampleAt(tick));
}, 1000);
