import { expect } from 'chai';
import type { HuntResult } from '../../lib/analysis/result.js';
import { renderJson } from '../../lib/report/json.js';
import { huntResult } from './fixture.js';

describe('report/json', () => {
  it('round-trips the HuntResult with schemaVersion as the first key', () => {
    const result = huntResult();
    const text = renderJson(result);
    expect(text.endsWith('}\n')).to.equal(true);
    expect(text.split('\n')[1]).to.equal('  "schemaVersion": 1,');
    expect(JSON.parse(text)).to.deep.equal(result);
  });

  it('gives the same bytes whatever order the producer wrote keys in', () => {
    const result = huntResult();
    const reordered = JSON.parse(JSON.stringify(result), function (this: unknown, _key, value: unknown) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).reverse());
    }) as HuntResult;
    expect(Object.keys(reordered)[0]).to.not.equal('schemaVersion');
    expect(renderJson(reordered)).to.equal(renderJson(result));
  });
});
