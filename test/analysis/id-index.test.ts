import { expect } from 'chai';
import { IdSet, IdValues, radixArgsort } from '../../lib/analysis/id-index.js';

describe('id lookups for snapshot summaries', () => {
  it('radix argsort orders any uint32 keys like a comparison sort', () => {
    const keys = Uint32Array.from({ length: 5000 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 0) % (i % 3 ? 70000 : 0xffffffff));
    const order = radixArgsort(keys);
    const sorted = Array.from(order, (k) => keys[k]);
    expect(sorted).to.deep.equal([...keys].sort((a, b) => a - b));
    expect(new Set(order).size).to.equal(keys.length);
  });

  it('IdSet answers membership for dense ids (bit set) and sparse ones (sorted array)', () => {
    const dense = new IdSet(Uint32Array.from([1, 3, 5, 99, 1001]));
    expect([1, 3, 5, 99, 1001].every((id) => dense.has(id))).to.equal(true);
    expect([0, 2, 100, 1002, 1 << 30].some((id) => dense.has(id))).to.equal(false);
    const sparse = new IdSet(Uint32Array.from([7, 0xfffffff0, 3_000_000_001]));
    expect(sparse.has(0xfffffff0) && sparse.has(3_000_000_001) && sparse.has(7)).to.equal(true);
    expect(sparse.has(8) || sparse.has(0xfffffff1)).to.equal(false);
  });

  it('IdValues maps ids to values and says undefined for unknown ids', () => {
    const v = new IdValues(Uint32Array.from([40, 2, 17]), Uint32Array.from([4, 0, 7]));
    expect([v.get(40), v.get(2), v.get(17), v.get(3)]).to.deep.equal([4, 0, 7, undefined]);
    expect(v.size).to.equal(3);
  });
});
