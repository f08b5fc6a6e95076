/**
 * Nelder–Mead simplex minimisation inside a box (Nelder & Mead 1965; the
 * coefficients of Lagarias et al. 1998: reflect 1, expand 2, contract ½,
 * shrink ½). Every trial point is projected onto the box, so a minimum on
 * a bound (γ = 1 on AirPassengers) is reached exactly; after convergence
 * the search restarts from the best point with a fresh simplex until a
 * restart no longer improves it (this also frees a simplex that collapsed
 * onto a bound). Deterministic: same input, same result.
 */

export interface Box {
  lower: readonly number[];
  upper: readonly number[];
}

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

export interface MinimiseOptions {
  /** Stop when the simplex values agree to this relative tolerance (default 1e-10)… */
  tolerance?: number;
  /** …and its points to this absolute distance in every coordinate (default 1e-6). */
  xTolerance?: number;
  /** Evaluation budget (default 200 per dimension squared, at least 400). */
  maxEvaluations?: number;
  /** Initial step as a share of each box side (default 0.1). */
  step?: number;
}

export function minimiseInBox(f: (x: readonly number[]) => number, start: readonly number[], box: Box, options: MinimiseOptions = {}): Minimum {
  const d = start.length;
  const tolerance = options.tolerance ?? 1e-10;
  const xTolerance = options.xTolerance ?? 1e-6;
  const maxEvaluations = options.maxEvaluations ?? Math.max(400, 200 * d * d);
  const step = options.step ?? 0.1;
  let evaluations = 0;
  const project = (x: readonly number[]) => x.map((v, i) => Math.min(box.upper[i]!, Math.max(box.lower[i]!, Number.isNaN(v) ? box.lower[i]! : v)));
  const value = (x: readonly number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };

  let best = project(start);
  let bestValue = value(best);
  for (let restart = 0; restart < 8 && evaluations < maxEvaluations; restart++) {
    const scale = restart === 0 ? step : step / 2;
    const simplex: number[][] = [best];
    for (let i = 0; i < d; i++) {
      const p = best.slice();
      const side = box.upper[i]! - box.lower[i]!;
      p[i] = p[i]! + scale * side <= box.upper[i]! ? p[i]! + scale * side : p[i]! - scale * side;
      simplex.push(project(p));
    }
    const values = simplex.map((p, i) => (i === 0 ? bestValue : value(p)));
    while (evaluations < maxEvaluations) {
      const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
      const sortedPoints = order.map((i) => simplex[i]!);
      const sortedValues = order.map((i) => values[i]!);
      for (let i = 0; i <= d; i++) {
        simplex[i] = sortedPoints[i]!;
        values[i] = sortedValues[i]!;
      }
      const lo = values[0]!;
      const hi = values[d]!;
      // 1e-24 absolute: a perfect fit's SSE is rounding noise (forecastSeries works on data scaled to at most 1).
      if (Math.abs(hi - lo) <= tolerance * Math.abs(lo) + 1e-24 && spread(simplex) < xTolerance) break;
      const centroid = new Array<number>(d).fill(0);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j]! += simplex[i]![j]! / d;
      const towards = (t: number) => project(centroid.map((c, j) => c + t * (simplex[d]![j]! - c)));
      const xr = towards(-1);
      const fr = value(xr);
      if (fr < values[0]!) {
        const xe = towards(-2);
        const fe = value(xe);
        if (fe < fr) {
          simplex[d] = xe;
          values[d] = fe;
        } else {
          simplex[d] = xr;
          values[d] = fr;
        }
      } else if (fr < values[d - 1]!) {
        simplex[d] = xr;
        values[d] = fr;
      } else {
        const outside = fr < values[d]!;
        const xc = towards(outside ? -0.5 : 0.5);
        const fc = value(xc);
        if (fc < (outside ? fr : values[d]!)) {
          simplex[d] = xc;
          values[d] = fc;
        } else {
          for (let i = 1; i <= d; i++) {
            simplex[i] = project(simplex[i]!.map((v, j) => simplex[0]![j]! + 0.5 * (v - simplex[0]![j]!)));
            values[i] = value(simplex[i]!);
          }
        }
      }
    }
    let k = 0;
    for (let i = 1; i <= d; i++) if (values[i]! < values[k]!) k = i;
    const improved = values[k]! < bestValue - tolerance * (Math.abs(bestValue) + 1e-30);
    if (values[k]! < bestValue) {
      best = simplex[k]!;
      bestValue = values[k]!;
    }
    if (!improved && restart > 0) break;
  }
  return { x: best, value: bestValue, evaluations };
}

function spread(simplex: readonly (readonly number[])[]): number {
  let s = 0;
  const first = simplex[0]!;
  for (let i = 1; i < simplex.length; i++) for (let j = 0; j < first.length; j++) s = Math.max(s, Math.abs(simplex[i]![j]! - first[j]!));
  return s;
}
