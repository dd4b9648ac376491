// Which event type a listener suspect on a non-DOM target gets, from that target's own
// listener list (the live half is covered by the corpus case leak-abort-signal).
import { expect } from 'chai';
import { pickListenerType } from '../../lib/browser/listener-types.js';

describe('pickListenerType', () => {
  const at = (type: string, line: number) => ({ type, line, column: 1 });

  it("takes the target's only type", () => {
    expect(pickListenerType([at('abort', 30), at('abort', 30)], 'onAbort')).to.equal('abort');
  });

  it('knows nothing of a target without listeners', () => {
    expect(pickListenerType([], '(anonymous) a.js:3:1')).to.equal(undefined);
  });

  it("matches an anonymous handler by the line it was written on", () => {
    expect(pickListenerType([at('message', 12), at('messageerror', 40)], '(anonymous) worker.js:40:7')).to.equal('messageerror');
  });

  it('lists every candidate when nothing tells them apart', () => {
    expect(pickListenerType([at('message', 12), at('close', 40)], 'onEvent')).to.equal('close|message');
  });
});
