import { expect } from 'chai';
import { UsageError } from '../../lib/errors.js';
import { resolveScenarioUrl } from '../../lib/scenario/resolve-url.js';

describe('scenario/resolveScenarioUrl', () => {
  it("uses the scenario's absolute url, whatever --url says", () => {
    expect(resolveScenarioUrl('https://app.example/inbox', 'http://127.0.0.1:3000')).to.equal('https://app.example/inbox');
    expect(resolveScenarioUrl('about:blank', undefined)).to.equal('about:blank');
  });

  it('resolves a relative url against --url as a browser resolves a link', () => {
    expect(resolveScenarioUrl('/photos?id=2', 'http://127.0.0.1:3000/app/')).to.equal('http://127.0.0.1:3000/photos?id=2');
    expect(resolveScenarioUrl('photos', 'http://127.0.0.1:3000/app/')).to.equal('http://127.0.0.1:3000/app/photos');
    expect(resolveScenarioUrl('#/settings', 'http://127.0.0.1:3000/')).to.equal('http://127.0.0.1:3000/#/settings');
  });

  it('uses --url alone when the scenario has none', () => {
    expect(resolveScenarioUrl(undefined, 'http://127.0.0.1:3000/app')).to.equal('http://127.0.0.1:3000/app');
  });

  it('refuses when there is nothing absolute to start from', () => {
    expect(() => resolveScenarioUrl(undefined, undefined)).to.throw(UsageError, /^no page to open: pass --url/);
    expect(() => resolveScenarioUrl('/inbox', undefined)).to.throw(UsageError, /\/inbox is relative: pass --url/);
  });

  it('refuses a --url without a scheme, suggesting one', () => {
    expect(() => resolveScenarioUrl('/x', 'localhost:3000')).to.throw(
      UsageError,
      '--url localhost:3000 is not an absolute URL (try http://localhost:3000)',
    );
    expect(() => resolveScenarioUrl('localhost:3000/x', undefined)).to.throw(UsageError, /is relative/);
  });
});
