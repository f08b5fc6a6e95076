/*
 * `@duckdb/node-api` is an optional dependency (prebuilt for Linux, macOS
 * and Windows; where it cannot install, `npm install` goes on without it):
 * it is loaded by a dynamic import only when the DuckDB engine is used, and
 * typed here by the little this code calls, so type-checking and every
 * other command work without it.
 */

/** A cell as `getRowObjectsJS` returns it. */
export type DuckValue = string | number | boolean | bigint | null | Date | DuckValue[] | { [key: string]: DuckValue };

export interface DuckConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, DuckValue>[] }>;
  closeSync?(): void;
}

export interface DuckInstance {
  connect(): Promise<DuckConnection>;
  closeSync?(): void;
}

interface DuckModule {
  DuckDBInstance: { create(path: string, options?: Record<string, string>): Promise<DuckInstance> };
}

/** The module's name, in one place (the import below is not resolved at build time). */
export const DUCKDB_PACKAGE = '@duckdb/node-api';

/** DuckDB's module, or null when it is not installed (or cannot load on this platform). */
export async function loadDuckDb(name: string = DUCKDB_PACKAGE): Promise<DuckModule | null> {
  try {
    return (await import(name)) as DuckModule;
  } catch {
    return null;
  }
}

/** An in-memory DuckDB, or null without the package. */
export async function openDuckDb(options: Record<string, string> = {}, name?: string): Promise<{ instance: DuckInstance; connection: DuckConnection } | null> {
  const duck = await loadDuckDb(name);
  if (duck === null) return null;
  const instance = await duck.DuckDBInstance.create(':memory:', options);
  return { instance, connection: await instance.connect() };
}
