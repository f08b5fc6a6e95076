import { memoizedByText } from '../../../src/core/util/memo';

describe('memoizedByText', () => {
  it('answers as the function does, computing each text once up to the limit, then without remembering', () => {
    const calls: string[] = [];
    const f = memoizedByText((text) => {
      calls.push(text);
      return text === 'none' ? null : text.length;
    }, 3);
    expect(['a', 'bb', 'none', 'a', 'none', 'bb'].map(f)).toEqual([1, 2, null, 1, null, 2]);
    expect(calls).toEqual(['a', 'bb', 'none']);
    expect([f('cccc'), f('cccc')]).toEqual([4, 4]);
    expect(calls).toEqual(['a', 'bb', 'none', 'cccc', 'cccc']);
  });
});
