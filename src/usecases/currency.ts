import { type Locale, t } from '../core/i18n';
import { type CurrencySummary, convertPipeline } from '../core/currency/convert-deals';
import { currencyCode, type RateRow } from '../core/currency/currency-rules';
import { buildRatesSheet, mergeRates, RATES_SHEET, RATES_SHEET_NAMES, RATES_SHEET_ZH, readRatesTable } from '../core/currency/rates-table';
import type { SheetModel } from '../core/report/model';
import { ownsSheet } from '../core/settings';
import type { MonthIndex } from '../core/util/dates';
import type { WorkbookPort } from '../workbook/port';
import type { LoadedPipeline } from './load-pipeline';

export interface CurrencyRun {
  /** The loaded pipeline with every amount in the reporting currency. */
  loaded: LoadedPipeline;
  currency: CurrencySummary;
  /** The `Rates` sheet to write: rates were imported and the workbook's `Rates` sheet is ours or absent. */
  ratesSheet: SheetModel | null;
  warnings: string[];
}

/**
 * SPEC §9 for one run: the rates from the workbook's `Rates` table (read
 * through the port) and those imported for the run (`--rates`, the pane's
 * file or paste; an imported rate replaces the workbook's for the same month
 * and currency), then every deal converted (core/currency/convert-deals.ts)
 * as of `month`, the run's last report month. One conversion per run: the
 * data sheet that every tab's formulas read holds one converted amount per
 * deal, so the engine's numbers and the formulas' agree.
 */
export async function convertForRun(
  port: WorkbookPort,
  loaded: LoadedPipeline,
  options: { currency?: string; rates?: readonly RateRow[]; month: MonthIndex; locale: Locale },
): Promise<CurrencyRun> {
  const { locale } = options;
  const warnings: string[] = [];
  const sheets = await port.listSheets();
  const existing = sheets.find((s) => RATES_SHEET_NAMES.some((n) => n.toLowerCase() === s.name.toLowerCase()));
  const read = existing ? readRatesTable(await port.readSheet(existing.name)) : null;
  if (existing && read === null) warnings.push(t(locale, 'warning.ratesNoTable', { sheet: existing.name }));
  for (const r of (read?.rejected ?? []).slice(0, 10))
    warnings.push(t(locale, 'warning.ratesRow', { sheet: existing!.name, row: r.row, value: r.value === null ? '' : String(r.value) }));
  const rates = mergeRates(read?.rows ?? [], options.rates ?? []);
  let ratesSheet: SheetModel | null = null;
  if (options.rates && options.rates.length > 0) {
    // The imported rates go into the workbook, so the next run (and a reader) finds them, unless the Rates sheet there is the user's own: that one is never
    // touched.
    if (!existing || ownsSheet(loaded.settings, existing.name))
      ratesSheet = buildRatesSheet(
        rates,
        { month: t(locale, 'rates.month'), currency: t(locale, 'rates.currency'), rate: t(locale, 'rates.rate') },
        existing?.name ?? (locale === 'zh-CN' ? RATES_SHEET_ZH : RATES_SHEET),
      );
    else warnings.push(t(locale, 'warning.ratesUserSheet', { sheet: existing.name }));
  }
  const chosen = options.currency ?? loaded.settings.reportingCurrency;
  const reporting = chosen === undefined ? undefined : (currencyCode(chosen) ?? chosen.trim().toUpperCase());
  const converted = convertPipeline(loaded.pipeline, { reporting, rates, month: options.month });
  // Rates are reporting-currency units per unit: the workbook's were kept for the currency saved with it.
  const saved = loaded.settings.reportingCurrency;
  if (saved !== undefined && converted.currency.reporting !== null && saved !== converted.currency.reporting && (read?.rows.length ?? 0) > 0) {
    warnings.push(t(locale, 'warning.ratesOtherCurrency', { sheet: existing!.name, saved, reporting: converted.currency.reporting }));
  }
  return { loaded: { ...loaded, pipeline: converted.pipeline }, currency: converted.currency, ratesSheet, warnings };
}
