/** Whether @duckdb/node-api (an optional dependency) is installed; the DuckDB tests skip, saying so, when it is not. */
export function duckDbInstalled(): boolean {
  try {
    require.resolve('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

/** `describe`, or `describe.skip` with a message when DuckDB is missing. */
export function describeWithDuckDb(name: string, body: () => void): void {
  if (duckDbInstalled()) describe(name, body);
  else {
    console.warn(`${name}: skipped, @duckdb/node-api (optional dependency) is not installed`);
    describe.skip(name, body);
  }
}
