import { expect } from 'chai';
import { normaliseClass, readableName, shortHash } from '../../lib/analysis/chain.js';

describe('leak trace helpers', () => {
  it('folds C++ template arguments on chains but leaves DOM names alone', () => {
    expect(readableName('blink::HeapVectorBacking<cppgc::internal::BasicMember<blink::RegisteredEventListener, X>>')).to.equal(
      'blink::HeapVectorBacking<…>',
    );
    expect(readableName('blink::HeapHashMap<a<b>, c>::Entry')).to.equal('blink::HeapHashMap<…>::Entry');
    expect(readableName('<div class="a::b">')).to.equal('<div class="a::b">');
    expect(readableName('Detached <li>')).to.equal('Detached <li>');
    expect(readableName('SearchIndex')).to.equal('SearchIndex');
  });

  it('normalises what differs between runs of one page: URLs and scope ids', () => {
    expect(normaliseClass('Window / http://127.0.0.1:4123')).to.equal('Window');
    expect(normaliseClass('system / Context / scope @51365')).to.equal('system / Context / scope @');
  });

  it('gives short stable signatures', () => {
    expect(shortHash('a')).to.equal(shortHash('a')).and.match(/^[0-9a-f]{8}$/);
    expect(shortHash('a')).to.not.equal(shortHash('b'));
  });
});
