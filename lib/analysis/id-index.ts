// Lookups by snapshot node id, for the summaries of the baseline and middle snapshots. A
// hunt asks "did this id exist then?" for every node of the final snapshot and "how big
// was this collection then?" for every collection, so both must be O(1) or O(log n) with
// typed arrays: a JS Map of a million ids costs more than the rest of the verdict.

/** Sorts by key in two 16-bit LSD radix passes; returns the permutation (indices into keys). */
export function radixArgsort(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Uint32Array(65537);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let b = 0; b < 65536; b++) count[b + 1] += count[b];
    for (let i = 0; i < n; i++) {
      const k = order[i];
      next[count[(keys[k] >>> shift) & 0xffff]++] = k;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Index of `id` in an ascending array, or -1. */
function search(sorted: Uint32Array, id: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * A set of node ids. V8 hands out ids densely (a few per object ever seen), so a bit set
 * over 0..maxId is small and answers in O(1); should ids ever be sparse, it falls back to
 * a sorted array and binary search rather than allocating a huge bit set.
 */
export class IdSet {
  readonly size: number;
  readonly #bits: Uint32Array | null;
  readonly #sorted: Uint32Array | null;

  constructor(ids: Uint32Array) {
    this.size = ids.length;
    let max = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
    if (max <= Math.max(1 << 26, 64 * ids.length)) {
      const bits = new Uint32Array((max >>> 5) + 1);
      for (let i = 0; i < ids.length; i++) bits[ids[i] >>> 5] |= 1 << (ids[i] & 31);
      this.#bits = bits;
      this.#sorted = null;
    } else {
      const order = radixArgsort(ids);
      const sorted = new Uint32Array(ids.length);
      for (let i = 0; i < ids.length; i++) sorted[i] = ids[order[i]];
      this.#bits = null;
      this.#sorted = sorted;
    }
  }

  has(id: number): boolean {
    const bits = this.#bits;
    if (bits) {
      const w = id >>> 5;
      return w < bits.length && (bits[w] & (1 << (id & 31))) !== 0;
    }
    return search(this.#sorted!, id) >= 0;
  }
}

/** A number per node id (e.g. a collection's size), sorted by id for binary search. */
export class IdValues {
  readonly #ids: Uint32Array;
  readonly #values: Uint32Array;

  /** `ids[i]` maps to `values[i]`; both are copied in id order. */
  constructor(ids: Uint32Array, values: Uint32Array) {
    const order = radixArgsort(ids);
    this.#ids = new Uint32Array(ids.length);
    this.#values = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      this.#ids[i] = ids[order[i]];
      this.#values[i] = values[order[i]];
    }
  }

  get size(): number {
    return this.#ids.length;
  }

  get(id: number): number | undefined {
    const i = search(this.#ids, id);
    return i < 0 ? undefined : this.#values[i];
  }
}
