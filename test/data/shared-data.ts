import { existsSync } from 'node:fs';
import path from 'node:path';

/** ../shared/data beside the repository, read in place and never copied into it. */
export const SHARED_DATA = path.resolve(__dirname, '../../../shared/data');

export const hasSharedData = existsSync(SHARED_DATA);

/** `describe`, or `describe.skip` with a note when ../shared/data is absent. */
export const describeWithData: jest.Describe = hasSharedData
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} (skipped: ../shared/data not found)`, fn)) as unknown as jest.Describe);

export function dataFile(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}
