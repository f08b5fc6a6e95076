import fc from 'fast-check';
import { HAND_CHECKED } from './hand-checked';
import { bandLevel, DEFAULT_RISK_BANDS, riskLevel, riskScore, RISK_LEVELS } from '../../../src/core/risk/score';

describe('riskScore and riskLevel', () => {
  it('give the hand-checked score and level for all 25 pairs', () => {
    for (let p = 1; p <= 5; p++) {
      for (let i = 1; i <= 5; i++) {
        const [score, level] = HAND_CHECKED[p - 1]![i - 1]!;
        expect({ p, i, score: riskScore(p, i), level: riskLevel(riskScore(p, i)!) }).toEqual({ p, i, score, level });
      }
    }
  });

  it('score nothing outside whole numbers 1–5', () => {
    for (const bad of [0, 6, -1, 2.5, '3', 'high', null, undefined, NaN, true]) {
      expect(riskScore(bad, 3)).toBeNull();
      expect(riskScore(3, bad)).toBeNull();
    }
  });

  it('bandLevel reads edited bands: the last band whose lower bound the score reaches', () => {
    const bands = [
      { name: 'Low', from: 1 },
      { name: 'Medium', from: 6 },
      { name: 'High', from: 10 },
      { name: 'Critical', from: 20 },
    ];
    expect(bandLevel(5, bands)).toBe('Low');
    expect(bandLevel(6, bands)).toBe('Medium');
    expect(bandLevel(0, bands)).toBeNull();
    expect(bandLevel(25, bands)).toBe('Critical');
  });

  it('agrees with riskLevel on the default bands for every score, and never lowers the level as the score grows', () => {
    const bands = RISK_LEVELS.map((name) => ({ name, from: DEFAULT_RISK_BANDS[name] }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (p1, i1, p2, i2) => {
          const [a, b] = [riskScore(p1, i1)!, riskScore(p2, i2)!].sort((x, y) => x - y);
          expect(bandLevel(a!, bands)).toBe(riskLevel(a!));
          expect(RISK_LEVELS.indexOf(riskLevel(a!)!)).toBeLessThanOrEqual(RISK_LEVELS.indexOf(riskLevel(b!)!));
        },
      ),
    );
  });
});
