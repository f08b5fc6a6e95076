/**
 * The part of `Excel.run` the adapter uses: a batch run against a request
 * context. `Excel.run` itself fits; tests pass a recording fake.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The real `Excel.run`, looked up only when called (the global exists only inside Office). */
export const officeRun: ExcelRun = (batch) => Excel.run(batch);
