import { arimaForecast, autoArima, difference, firstDifferences, fitArima, kpss, seasonalDifferences } from '../../../src/core/forecast/arima';

const AIR = [
  112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199,
  199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188,
  235, 227, 234, 264, 302, 293, 259, 229, 203, 229, 242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355,
  306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337, 360, 342, 406, 396,
  420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
];

/** A seeded AR(1) path: w_t = 0.6·w_{t−1} + e_t around 50. */
function ar1(n: number, phi = 0.6): number[] {
  let a = 12345;
  const noise = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648 - 0.5;
  };
  const y: number[] = [];
  let w = 0;
  for (let t = 0; t < n; t++) {
    w = phi * w + noise();
    y.push(50 + w);
  }
  return y;
}

describe('ARIMA (auto.arima search, CSS estimates)', () => {
  it('differences as R decides them: the KPSS test on a trend and on noise, the seasonal strength on AirPassengers', () => {
    const trend = ar1(120, 0).map((v, t) => v + 0.05 * t);
    expect(kpss(trend)).toBeGreaterThan(0.463);
    expect(firstDifferences(trend)).toBe(1);
    expect(firstDifferences(ar1(120, 0))).toBe(0);
    expect(seasonalDifferences(AIR, 12)).toBe(1);
    expect(seasonalDifferences(trend, 12)).toBe(0);
    expect(difference([1, 4, 9, 16], 1)).toEqual([3, 5, 7]);
  });

  it('recovers an AR(1) coefficient by CSS', () => {
    const fit = fitArima(ar1(400), { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1, constant: true })!;
    expect(fit.coef[0]).toBeGreaterThan(0.5);
    expect(fit.coef[0]).toBeLessThan(0.7);
    expect(fit.coef[1]).toBeCloseTo(50, 1);
  });

  // R 4.2.2, forecast 8.20: auto.arima(AirPassengers) is ARIMA(2,1,1)(0,1,0)[12] (σ² 132.3), forecast(…, h = 12)$mean rounded to 0.1.
  it('on AirPassengers: the differences R takes, and a forecast within 2 % of R’s auto.arima', () => {
    const fit = autoArima(AIR, 12)!;
    expect(fit.order).toMatchObject({ d: 1, D: 1, m: 12 });
    const { mean, se } = arimaForecast(fit, 12);
    [445.6, 420.4, 449.2, 491.8, 503.4, 566.9, 654.3, 638.6, 540.9, 494.1, 423.3, 465.5].forEach((r, h) =>
      expect(Math.abs(mean[h]! - r) / r).toBeLessThan(0.02),
    );
    // The band widens with the horizon (R: σ = 11.5 at one step).
    expect(se[0]).toBeGreaterThan(9);
    expect(se[0]).toBeLessThan(14);
    for (let h = 1; h < 12; h++) expect(se[h]).toBeGreaterThan(se[h - 1]!);
  });

  it('is null on a constant or too short series (the method falls back to Theta)', () => {
    expect(autoArima(new Array(30).fill(7), 12)).toBeNull();
    expect(autoArima([1, 2], 1)).toBeNull();
  });
});
