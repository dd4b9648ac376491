// Fixed capacity: once full, each push overwrites the oldest entry, so memory stays flat.
export class RingBuffer {
  constructor(capacity) {
    this.slots = new Array(capacity);
    this.start = 0;
    this.length = 0;
  }

  push(item) {
    const capacity = this.slots.length;
    this.slots[(this.start + this.length) % capacity] = item;
    if (this.length < capacity) this.length++;
    else this.start = (this.start + 1) % capacity;
  }

  toArray() {
    return Array.from({ length: this.length }, (_, i) => this.slots[(this.start + i) % this.slots.length]);
  }
}
