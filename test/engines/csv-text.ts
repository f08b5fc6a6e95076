import type { SheetValues } from '../../src/core/util/cell';

/** Sheet values as CSV text (numbers as their digits, everything else quoted when it must be). */
export function csvText(values: SheetValues): string {
  return (
    values.map((row) => row.map((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : quote(String(v)))).join(',')).join('\n') + '\n'
  );
}

function quote(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
