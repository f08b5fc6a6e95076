/**
 * Unconstrained Nelder–Mead as R's `optim(method = "Nelder-Mead")` runs it
 * (Nash, *Compact Numerical Methods*, 2nd ed., Algorithm 19 — R's C
 * `nmmin`): reflection 1, contraction ½, expansion 2; the first simplex
 * steps every coordinate by one common step, a tenth of the largest |x₀ᵢ|;
 * stop when the spread of the simplex values is within `reltol`·(|f(x₀)| +
 * reltol), after a shrink that does not reduce the simplex, or after
 * `maxit` evaluations. A non-finite value counts as 1e35.
 *
 * Why a second optimiser beside `./optimise` (a box-projected Nelder–Mead
 * with restarts, used by Holt–Winters): R's `ets()` fits its models with
 * exactly this search, and the likelihood surfaces of ETS models are flat
 * enough that another search path ends in another local optimum. Following
 * R's path is what makes our ETS select the same models and parameters.
 */

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
  /** False when the evaluation budget ran out first. */
  converged: boolean;
}

const BIG = 1e35;

/** Minimises f from x0; null when f(x0) is not finite (R stops there with an error). */
export function nelderMead(f: (x: Float64Array) => number, x0: readonly number[], reltol = 1.4901161193847656e-8, maxit = 2000): NelderMeadResult | null {
  const n = x0.length;
  const value = (x: Float64Array) => {
    const v = f(x);
    return Number.isFinite(v) ? v : BIG;
  };
  const start = Float64Array.from(x0);
  const f0 = f(start);
  if (!Number.isFinite(f0)) return null;
  let evaluations = 1;
  if (n === 0) return { x: [], value: f0, evaluations, converged: true };
  const convtol = reltol * (Math.abs(f0) + reltol);
  // Vertices 0…n, then the centroid at n + 1, in one array: vertex j is [j·n, (j + 1)·n).
  const points = new Float64Array((n + 2) * n);
  for (let j = 0; j <= n + 1; j++) points.set(start, j * n);
  const values = new Float64Array(n + 1);
  values[0] = f0;
  let step = 0;
  for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(start[i]!));
  if (step === 0) step = 0.1;
  let size = 0;
  for (let j = 1; j <= n; j++) {
    let trystep = step;
    const k = j * n + j - 1;
    while (points[k] === start[j - 1]) {
      points[k] = start[j - 1]! + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  let oldsize = size;
  const c0 = (n + 1) * n;
  const trial = new Float64Array(n);
  const vertex = (j: number) => points.subarray(j * n, (j + 1) * n);
  const vertices = Array.from({ length: n + 1 }, (_, j) => vertex(j));
  // Σ of the n + 1 vertices, kept up to date by `replace`; `stale` counts the iterations since it was summed afresh.
  const sum = new Float64Array(n);
  let stale = n;
  /** Vertex at offset `at` := source[from … from + n), the sum following. */
  const replace = (at: number, source: Float64Array, from: number) => {
    for (let i = 0; i < n; i++) {
      const v = source[from + i]!;
      sum[i] = sum[i]! + (v - points[at + i]!);
      points[at + i] = v;
    }
  };
  let best = 0;
  let calcvert = true;
  let converged = false;
  do {
    if (calcvert) {
      for (let j = 0; j <= n; j++) {
        if (j === best) continue;
        values[j] = value(vertices[j]!);
        evaluations++;
      }
      calcvert = false;
    }
    let low = values[best]!;
    let high = low;
    let worst = best;
    for (let j = 0; j <= n; j++) {
      if (j === best) continue;
      const v = values[j]!;
      if (v < low) {
        best = j;
        low = v;
      }
      if (v > high) {
        worst = j;
        high = v;
      }
    }
    if (high <= low + convtol) {
      converged = true;
      break;
    }
    const w0 = worst * n;
    // The centroid of all vertices but the worst from their running sum: R sums the n vertices afresh every
    // iteration (O(n²), the bulk of a 16-parameter seasonal fit's bookkeeping); summed afresh every n iterations here so
    // rounding cannot drift.
    if (stale >= n) {
      sum.fill(0);
      for (let j = 0; j <= n; j++) {
        const o = j * n;
        for (let i = 0; i < n; i++) sum[i] = sum[i]! + points[o + i]!;
      }
      stale = 0;
    }
    stale++;
    for (let i = 0; i < n; i++) points[c0 + i] = (sum[i]! - points[w0 + i]!) / n;
    for (let i = 0; i < n; i++) trial[i] = 2 * points[c0 + i]! - points[w0 + i]!;
    const reflected = value(trial);
    evaluations++;
    if (reflected < low) {
      // Expansion: the reflected point moves into the centroid slot, the expanded one is tried.
      for (let i = 0; i < n; i++) {
        const e = 2 * trial[i]! - points[c0 + i]!;
        points[c0 + i] = trial[i]!;
        trial[i] = e;
      }
      const expanded = value(trial);
      evaluations++;
      if (expanded < reflected) {
        replace(w0, trial, 0);
        values[worst] = expanded;
      } else {
        replace(w0, points, c0);
        values[worst] = reflected;
      }
    } else {
      if (reflected < high) {
        replace(w0, trial, 0);
        values[worst] = reflected;
      }
      for (let i = 0; i < n; i++) trial[i] = 0.5 * points[w0 + i]! + 0.5 * points[c0 + i]!;
      const contracted = value(trial);
      evaluations++;
      if (contracted < values[worst]!) {
        replace(w0, trial, 0);
        values[worst] = contracted;
      } else if (reflected >= high) {
        calcvert = true;
        stale = n;
        size = 0;
        const b0 = best * n;
        for (let j = 0; j <= n; j++) {
          if (j === best) continue;
          const o = j * n;
          for (let i = 0; i < n; i++) {
            points[o + i] = 0.5 * (points[o + i]! - points[b0 + i]!) + points[b0 + i]!;
            size += Math.abs(points[o + i]! - points[b0 + i]!);
          }
        }
        if (size < oldsize) oldsize = size;
        else {
          converged = true;
          break;
        }
      }
    }
  } while (evaluations <= maxit);
  return { x: Array.from(vertex(best)), value: values[best]!, evaluations, converged };
}
