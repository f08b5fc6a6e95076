/**
 * The part of `Excel.run` the adapter uses: a batch run against a request
 * context. `Excel.run` itself fits; tests pass a recording fake.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** `Excel.run(options, batch)`: the overload that takes run options. */
export type ExcelRunWithOptions = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Every run of the adapter waits while the user is editing a cell instead
 * of failing: `delayForCellEdit` (ExcelApi 1.11) — "When false, if the user
 * is in cell edit when the batch request is processed by the host, the
 * batch automatically fails. When true, … the batch request is delayed
 * until the user exits cell edit mode." (Excel.RunOptions, Microsoft Learn).
 * The manifest asks for ExcelApi 1.11 for this.
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

/** An ExcelRun that passes RUN_OPTIONS to every batch. */
export function delayedForCellEdit(run: ExcelRunWithOptions): ExcelRun {
  return (batch) => run({ ...RUN_OPTIONS }, batch);
}

/** The real `Excel.run`, looked up only when called (the global exists only inside Office). */
export const officeRun: ExcelRun = delayedForCellEdit((options, batch) => Excel.run(options, batch));
