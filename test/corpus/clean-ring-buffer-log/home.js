import { RingBuffer } from './ring-buffer.js';

class ActivityEntry {
  constructor(device, action) {
    this.device = device;
    this.action = action;
    this.at = new Date();
  }

  toString() {
    return `${this.at.toISOString().slice(11, 19)} ${this.device}: ${this.action}`;
  }
}

// The activity panel shows the last 8 events; older ones are simply forgotten.
const activity = new RingBuffer(8);
let lampOn = false;

document.getElementById('lamp').addEventListener('click', () => {
  lampOn = !lampOn;
  document.getElementById('lamp-state').textContent = lampOn ? 'on' : 'off';
  activity.push(new ActivityEntry('Living room lamp', lampOn ? 'switched on' : 'switched off'));
});

document.getElementById('show-activity').addEventListener('click', () => {
  document.getElementById('activity').replaceChildren(...activity.toArray().map((entry) => {
    const li = document.createElement('li');
    li.textContent = String(entry);
    return li;
  }));
});
