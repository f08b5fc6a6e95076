import { nelderMead } from '../../../src/core/forecast/nelder-mead';

/**
 * R's optim(method = "Nelder-Mead") takes the same path: same minimum, same
 * evaluation count. References from R 4.2.2:
 *   fr <- function(x) 100 * (x[2] - x[1]^2)^2 + (1 - x[1])^2
 *   o <- optim(c(-1.2, 1), fr)            # par 1.00026013872567 1.00050599930377, value 8.82524109672275e-08, counts 195
 *   g <- function(x) sum((x - c(1, 2, 3))^2) + abs(x[1] * x[2])
 *   o <- optim(c(0.5, 0.5, 0.5), g)       # par 0.000347877775192175 1.999759878993323303 2.999954895936510990,
 *                                         # value 1.00000009717866, counts 140
 */
describe('nelderMead (R optim Nelder–Mead)', () => {
  it('follows R on Rosenbrock’s function', () => {
    const r = nelderMead((x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1])!;
    expect(r.evaluations).toBe(195);
    expect(r.x[0]).toBeCloseTo(1.00026013872567, 12);
    expect(r.x[1]).toBeCloseTo(1.00050599930377, 12);
    // The centroid from a running sum (see nelder-mead.ts): the same path and evaluations, the value to rounding (1e-14).
    expect(r.value).toBeCloseTo(8.82524109672275e-8, 14);
  });

  it('follows R on a non-smooth function in three dimensions', () => {
    const r = nelderMead((x) => (x[0]! - 1) ** 2 + (x[1]! - 2) ** 2 + (x[2]! - 3) ** 2 + Math.abs(x[0]! * x[1]!), [0.5, 0.5, 0.5])!;
    expect(r.evaluations).toBe(140);
    [0.000347877775192175, 1.999759878993323303, 2.99995489593651099].forEach((v, i) => expect(r.x[i]).toBeCloseTo(v, 12));
    expect(r.value).toBeCloseTo(1.00000009717866, 12);
  });

  it('gives up (null) where the start cannot be evaluated, as R stops there, and treats other non-finite values as huge', () => {
    expect(nelderMead(() => Infinity, [1, 2])).toBeNull();
    const r = nelderMead((x) => (x[0]! < 1 ? NaN : (x[0]! - 2) ** 2 + (x[1]! - 1) ** 2), [1.5, 0.5])!;
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 2) + Math.abs(r.x[1]! - 1)).toBeLessThan(1e-3);
  });
});
