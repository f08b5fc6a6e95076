import { translator } from '../../src/core/i18n';
import { dynamicsLine } from '../../src/usecases/dynamics-line';

describe('dynamicsLine (the pane result card)', () => {
  const report = {
    overdue: { deals: 12, amount: 5000 },
    stuck: { deals: 3, amount: 900 },
    movement: {
      basis: 'snapshot' as const,
      start: 100_000,
      new: 20_000,
      increased: 1_000,
      decreased: 500,
      won: 15_000,
      lost: 4_000,
      removed: 1_500,
      end: 100_000,
      slipped: { deals: 1, amount: 10 },
    },
  };
  it('gives the overdue and stuck counts and the movement in one line', () => {
    expect(dynamicsLine(report, 'en-US', translator('en-US'))).toBe('12 overdue, 3 stuck · pipeline 100,000 → 100,000 (new 20,000, won 15,000, lost 4,000)');
    expect(dynamicsLine(report, 'zh-CN', translator('zh-CN'))).toBe('12 个逾期，3 个停滞 · 管道 100,000 → 100,000（新增 20,000，赢单 15,000，流失 4,000）');
  });
});
