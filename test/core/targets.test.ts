import { findTargetsTable, readTargets } from '../../src/core/targets';
import { serialFromYmd } from '../../src/core/util/dates';

describe('readTargets', () => {
  it('reads month,target rows, months as text or dates, amounts with separators', () => {
    expect(
      readTargets([
        ['month', 'target'],
        ['2026-02', '1,200'],
        [serialFromYmd(2026, 1, 1), 1000],
        ['2026-3', 900],
      ]),
    ).toEqual({
      targets: [
        { month: '2026-01', target: 1000 },
        { month: '2026-02', target: 1200 },
        { month: '2026-03', target: 900 },
      ],
      rejected: [],
    });
  });

  it('reads Chinese headers in any order, and rejects what it cannot read with the row', () => {
    const r = readTargets([
      ['目标', '月份'],
      [500, '2026-01'],
      ['lots', '2026-02'],
      [300, 'next month'],
    ]);
    expect(r.targets).toEqual([{ month: '2026-01', target: 500 }]);
    expect(r.rejected).toEqual([
      { row: 3, value: 'lots' },
      { row: 4, value: 'next month' },
    ]);
  });

  it('keeps the last value of a month given twice', () => {
    expect(
      readTargets([
        ['month', 'target'],
        ['2026-01', 1],
        ['2026-01', 2],
      ]).targets,
    ).toEqual([{ month: '2026-01', target: 2 }]);
  });
});

describe('findTargetsTable', () => {
  it('finds the table below other sections and stops at the first blank row', () => {
    const sheet = [
      ['Sales plan'],
      [],
      ['Monthly targets'],
      [null, 'Month', 'Target', 'Note'],
      [null, '2026-01', 100, 'x'],
      [null, '2026-02', 200, null],
      [null, null, null],
      [null, 'Other section', 5],
    ];
    expect(findTargetsTable(sheet)!.targets).toEqual([
      { month: '2026-01', target: 100 },
      { month: '2026-02', target: 200 },
    ]);
  });

  it('is null without a month and target header', () => {
    expect(findTargetsTable([['Goals'], ['Revenue', 5]])).toBeNull();
  });
});
