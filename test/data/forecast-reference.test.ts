import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { detectSeason, fitHoltWinters, forecastLinear, forecastSeries, holtWintersFilter, normalQuantile, trendLine } from '../../src/core/forecast/index';
import { autoEts, type EtsFit, etsForecast, fitEts } from '../../src/core/forecast/ets';
import { holtWintersSe } from '../../src/core/forecast/intervals';
import { dataFile, describeWithData } from './shared-data';

/**
 * The forecasting engine against R (../shared/data/reference-values,
 * `r_reference_values.csv`: R 4.2.2, stats::HoltWinters, lm and
 * forecast::ets), read in
 * place. "Equal" means |ours − R| ≤ 1e-6 · max(1, |R|): absolute for values
 * up to 1 in size (the seasonal terms near 0), relative above (levels,
 * forecasts and SSEs in the hundreds to billions).
 */
const TOLERANCE = 1e-6;

function expectNear(ours: number, r: number, what: string): void {
  const allowed = TOLERANCE * Math.max(1, Math.abs(r));
  if (!(Math.abs(ours - r) <= allowed)) throw new Error(`${what}: ours ${ours}, R ${r} (allowed difference ${allowed})`);
}

interface Reference {
  dataset: string;
  method: string;
  setting: string;
  key: string;
  value: string;
}

function column(file: string, name: string): number[] {
  const rows = parse<Record<string, string>>(readFileSync(dataFile('monthly-sales-classic', file), 'utf8'), { columns: true });
  return rows.map((r) => Number(r[name]));
}

describeWithData('forecast engine against R reference values (../shared/data)', () => {
  let reference: Reference[];
  let air: number[];
  const ref = (dataset: string, setting: string, key: string): number => {
    const row = reference.find((r) => r.dataset === dataset && r.setting.startsWith(setting) && r.key === key);
    if (!row) throw new Error(`no reference ${dataset} / ${setting} / ${key}`);
    return Number(row.value);
  };

  beforeAll(() => {
    reference = parse<Reference>(readFileSync(dataFile('reference-values', 'r_reference_values.csv'), 'utf8'), { columns: true });
    air = column('airline_passengers.csv', 'passengers_thousands');
  });

  it('reads the 144 AirPassengers months', () => {
    expect(air).toHaveLength(144);
    expect(air[0]).toBe(112);
    expect(air[143]).toBe(432);
  });

  it('HoltWinters(x, alpha = 0.3, beta = 0.1, gamma = 0.2): coefficients, SSE and 12 forecasts equal R', () => {
    const setting = 'HoltWinters(x, alpha=0.3';
    const r = holtWintersFilter(air, { alpha: 0.3, beta: 0.1, gamma: 0.2 }, 12, 12);
    expectNear(r.a, ref('AirPassengers', setting, 'coef_a'), 'a');
    expectNear(r.b, ref('AirPassengers', setting, 'coef_b'), 'b');
    r.s.forEach((s, i) => expectNear(s, ref('AirPassengers', setting, `coef_s${i + 1}`), `s${i + 1}`));
    expectNear(r.sse, ref('AirPassengers', setting, 'SSE'), 'SSE');
    r.forecast.forEach((f, i) => expectNear(f, ref('AirPassengers', setting, `forecast_h${i + 1}`), `h${i + 1}`));
    expect(r.s).toHaveLength(12);
    expect(r.forecast).toHaveLength(12);
  });

  it('fitted Holt–Winters reaches an SSE no higher than R’s 21860.1846218501 on AirPassengers, near R’s parameters', () => {
    const setting = 'HoltWinters(x) defaults, additive';
    const rSse = ref('AirPassengers', setting, 'SSE');
    expect(rSse).toBe(21860.1846218501);
    const fit = fitHoltWinters(air, 12, { horizon: 12 });
    expect(fit.result.sse).toBeLessThanOrEqual(rSse + 1e-6);
    // The optimum is flat: the parameters agree with R's to about 1e-4 and the forecasts to 1e-4 relative.
    expect(Math.abs(fit.params.alpha - ref('AirPassengers', setting, 'alpha'))).toBeLessThan(1e-3);
    expect(Math.abs(fit.params.beta - ref('AirPassengers', setting, 'beta'))).toBeLessThan(1e-3);
    expect(fit.params.gamma).toBe(ref('AirPassengers', setting, 'gamma'));
    fit.result.forecast.forEach((f, i) => {
      const r = ref('AirPassengers', setting, `forecast_h${i + 1}`);
      expect(Math.abs(f - r) / r).toBeLessThan(1e-4);
    });
  });

  it('the Holt–Winters band uses predict.HoltWinters’ h-step variance', () => {
    // R 4.2.2: p <- predict(HoltWinters(AirPassengers, alpha=0.3, beta=0.1, gamma=0.2), 14, prediction.interval=TRUE);
    // p[c(1,2,12,13,14), "upr"] - p[c(1,2,12,13,14), "fit"] (R scales by var(residuals); the engine by their mean square).
    const rHalfWidths = [53.72062, 56.57014, 102.39946, 111.05237, 117.07522];
    const p = { alpha: 0.3, beta: 0.1, gamma: 0.2 };
    const fit = holtWintersFilter(air, p, 12);
    const residuals = air.flatMap((y, t) => (fit.fitted[t] === null ? [] : [y - fit.fitted[t]!]));
    const mean = residuals.reduce((a, b) => a + b, 0) / residuals.length;
    const variance = residuals.reduce((a, b) => a + (b - mean) ** 2, 0) / (residuals.length - 1);
    const se = holtWintersSe(variance, 14, p, 12);
    [0, 1, 11, 12, 13].forEach((h, i) => expect(Math.abs(se[h]! * normalQuantile(0.975) - rHalfWidths[i]!)).toBeLessThan(1e-5));
  });

  it.each([
    ['Champagne', 'champagne_sales.csv', 'sales'],
    ['wineind', 'wineind.csv', 'winesales'],
  ])('fitted Holt–Winters on %s reaches an SSE no higher than R’s', (dataset, file, name) => {
    const series = column(file, name);
    const rSse = ref(dataset, 'HoltWinters(x) defaults, additive', 'SSE');
    const fit = fitHoltWinters(series, 12);
    expect(fit.result.sse).toBeLessThanOrEqual(rSse * (1 + 1e-12));
  });

  it('the linear trend equals lm(y ~ t), t = 1…144: slope, intercept and forecasts t = 145…156', () => {
    const line = trendLine(air)!;
    expectNear(line.slope, ref('AirPassengers', 'y ~ t', 'slope'), 'slope');
    expectNear(line.intercept, ref('AirPassengers', 'y ~ t', 'intercept'), 'intercept');
    const t = air.map((_, i) => i + 1);
    const f = forecastSeries(air, { method: 'linear', horizon: 12 });
    for (let h = 1; h <= 12; h++) {
      const r = ref('AirPassengers', 'y ~ t', `forecast_t${144 + h}`);
      expectNear(forecastLinear(144 + h, air, t)!, r, `FORECAST.LINEAR t${144 + h}`);
      expectNear(f.points[h - 1]!.forecast, r, `linear method h${h}`);
    }
  });

  it('FORECAST.LINEAR on Microsoft’s example table equals R and the documented 10.607253', () => {
    const rows = parse<Record<string, string>>(readFileSync(dataFile('reference-values', 'ms_forecast_linear_example.csv'), 'utf8'), { columns: true });
    const y = rows.map((r) => Number(r.known_y));
    const x = rows.map((r) => Number(r.known_x));
    const ours = forecastLinear(30, y, x)!;
    expectNear(ours, ref('MS-doc FORECAST.LINEAR example', 'y=6,7,9,15,21', 'prediction_at_x30'), 'x = 30');
    expect(Math.abs(ours - 10.607253)).toBeLessThan(1e-6);
  });

  /** An ETS fit against R's rows: model, parameters, AICc, σ², 12 forecasts and 95% bounds (`bandTolerance` relative). */
  const compareEts = (dataset: string, setting: string, fit: EtsFit, bandTolerance: number) => {
    const row = (key: string) =>
      reference.find((r) => r.dataset === dataset && r.method === 'forecast::ets' && r.setting.startsWith(setting) && r.key === key)?.value;
    expect(fit.name).toBe(row('model'));
    const near = (ours: number, key: string, tolerance: number) => {
      const r = Number(row(key));
      if (!(Math.abs(ours - r) <= tolerance * Math.max(1, Math.abs(r)))) throw new Error(`${dataset} ${setting} ${key}: ours ${ours}, R ${r}`);
    };
    near(fit.aicc, 'AICc', 1e-6);
    near(fit.aic, 'AIC', 1e-6);
    near(fit.sigma2, 'sigma2', 1e-5);
    for (const p of ['alpha', 'beta', 'gamma', 'phi'] as const) if (row(`par_${p}`) !== undefined) near(fit.par[p], `par_${p}`, 1e-4);
    const { mean, variance } = etsForecast(fit, 12);
    mean.forEach((v, h) => {
      near(v, `forecast_h${h + 1}`, 1e-4);
      near(v - normalQuantile(0.975) * Math.sqrt(variance[h]!), `lo95_h${h + 1}`, bandTolerance);
      near(v + normalQuantile(0.975) * Math.sqrt(variance[h]!), `hi95_h${h + 1}`, bandTolerance);
    });
  };

  it('ets(x) on AirPassengers: the model, AICc, parameters, forecasts and (simulated, 1%) bounds of R', () => {
    compareEts('AirPassengers', 'ets(x) automatic', autoEts(air, 12)!.best, 0.01);
  });

  it.each([
    ['AirPassengers', 'airline_passengers.csv', 'passengers_thousands'],
    ['Champagne', 'champagne_sales.csv', 'sales'],
    ['wineind', 'wineind.csv', 'winesales'],
  ])("ets(x, model = 'AAA', damped = FALSE) on %s equals R", (dataset, file, name) => {
    compareEts(dataset, "ets(x, model='AAA'", fitEts(column(file, name), { error: 'A', trend: 'A', season: 'A', m: 12 })!, 1e-4);
  });

  it.each([
    ['airline_passengers.csv', 'passengers_thousands'],
    ['champagne_sales.csv', 'sales'],
    ['wineind.csv', 'winesales'],
    ['a10_antidiabetic_drug_sales.csv', 'sales_aud_millions'],
  ])('uses the yearly season of %s and forecasts it with finite bands', (file, name) => {
    const series = column(file, name);
    expect(detectSeason(series)).toBe(12);
    const f = forecastSeries(series, { horizon: 12 });
    expect(f.season).toBe(12);
    expect(f.method).not.toBeNull();
    expect(f.points).toHaveLength(12);
    for (const p of f.points) expect([p.forecast, p.lower, p.upper].every(Number.isFinite) && p.lower <= p.forecast && p.forecast <= p.upper).toBe(true);
  });
});
