import { reachedOfStageColumn } from '../../src/core/worksheet-functions/funnel-of-ranges';
import { conversion, reached } from '../../src/functions/functions';
import { clearFunctionCaches, LruCache, rangeFingerprint } from '../../src/functions/range-cache';
import { installCustomFunctionsStub } from './custom-functions-stub';

jest.mock('../../src/core/worksheet-functions/funnel-of-ranges', () => {
  const actual = jest.requireActual('../../src/core/worksheet-functions/funnel-of-ranges');
  return { ...actual, reachedOfStageColumn: jest.fn(actual.reachedOfStageColumn) };
});

beforeAll(installCustomFunctionsStub);
beforeEach(clearFunctionCaches);

describe('rangeFingerprint', () => {
  const base = [
    ['Stage', 1],
    ['Lead', 2.5],
    ['', null],
    [true, false],
  ];
  const fp = rangeFingerprint(base);

  it('is the same for a copy of the range (Excel passes a fresh array on every call), and reads "" and null alike', () => {
    expect(rangeFingerprint(base.map((r) => [...r]))).toBe(fp);
    expect(
      rangeFingerprint([
        ['Stage', 1],
        ['Lead', 2.5],
        [null, ''],
        [true, false],
      ]),
    ).toBe(fp);
  });

  it.each([
    [
      'a changed letter',
      [
        ['Stage', 1],
        ['Leaf', 2.5],
        ['', null],
        [true, false],
      ],
    ],
    [
      'a number as text',
      [
        ['Stage', '1'],
        ['Lead', 2.5],
        ['', null],
        [true, false],
      ],
    ],
    [
      'a tiny change in a number',
      [
        ['Stage', 1],
        ['Lead', 2.5000000000000004],
        ['', null],
        [true, false],
      ],
    ],
    [
      'TRUE for FALSE',
      [
        ['Stage', 1],
        ['Lead', 2.5],
        ['', null],
        [false, false],
      ],
    ],
    [
      'a blank for a zero',
      [
        ['Stage', 1],
        ['Lead', 2.5],
        [0, null],
        [true, false],
      ],
    ],
    [
      'another shape',
      [
        ['Stage', 1, 'Lead'],
        [2.5, '', null],
        [true, false],
      ],
    ],
    [
      'swapped cells',
      [
        ['Stage', 1],
        [2.5, 'Lead'],
        ['', null],
        [true, false],
      ],
    ],
    [
      'a row more',
      [
        ['Stage', 1],
        ['Lead', 2.5],
        ['', null],
        [true, false],
        ['', ''],
      ],
    ],
  ])('changes with %s', (_what, other) => {
    expect(rangeFingerprint(other as never)).not.toBe(fp);
  });

  it('tells apart the 10,000 ranges of one distinct value each', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(rangeFingerprint([[i], [`s${i}`]]));
    expect(seen.size).toBe(10_000);
  });
});

describe('LruCache', () => {
  it('keeps the most recently used entries, up to its capacity', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3); // evicts b
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
    expect(cache.getOrCompute('c', () => 99)).toBe(3);
    expect(cache.getOrCompute('d', () => 4)).toBe(4);
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('the functions’ cache', () => {
  const count = reachedOfStageColumn as jest.MockedFunction<typeof reachedOfStageColumn>;
  const stages = Array.from({ length: 5000 }, (_, i) => [['Lead', 'Qualified', 'Won', 'Lost', 'Proposal', ''][i % 6]!]);

  it('counts a stages range once for every CONVERSION and REACHED over it, whatever the stage pair', () => {
    count.mockClear();
    const copies = () => stages.map((r) => [...r]);
    const first = conversion(copies(), 'Lead', 'Won');
    for (const [from, to] of [
      ['Lead', 'Qualified'],
      ['Qualified', 'Won'],
      [1, 4],
      ['Proposal', 'Won'],
    ])
      conversion(copies(), from, to);
    reached(copies(), 'Won');
    expect(count).toHaveBeenCalledTimes(1);
    expect(conversion(copies(), 'Lead', 'Won')).toBe(first);
    // Another stage order is another funnel of the same range.
    conversion(copies(), 'Lead', 'Won', [['Lead'], ['Proposal']]);
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('recounts when a cell changes, and forgets the oldest of many ranges', () => {
    count.mockClear();
    const changed = stages.map((r) => [...r]);
    reached(stages, 'Won');
    changed[4999] = ['Won'];
    expect(reached(changed, 'Won')).toBe((reached(stages, 'Won') as number) + 1);
    expect(count).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 20; i++) reached([...stages, [`Lead ${i}`]], 'Won');
    reached(stages, 'Won');
    expect(count).toHaveBeenCalledTimes(23);
  });
});
