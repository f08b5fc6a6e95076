import type { Block } from './model';

/** Characters a text takes in a cell: CJK and other wide characters count twice (Calibri's digit width as the unit). */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/**
 * Column widths at least as wide as each table header and each label of a
 * `label`-styled row above them (SPEC §7 "Column widths fit the headers":
 * "Revenue, last 12 mo" was cut), up to `max` characters; long notes and
 * titles may overflow into the empty cells beside them, as text does.
 */
export function fitHeaders(blocks: readonly Block[], widths: Record<number, number>, max = 36): Record<number, number> {
  const out = { ...widths };
  const fit = (col: number, text: string) => {
    out[col] = Math.min(max, Math.max(out[col] ?? 9, displayWidth(text) + 2));
  };
  for (const b of blocks) {
    if (b.kind === 'table') b.columns.forEach((c, i) => fit(b.col + i, c.header));
    else if (b.kind === 'cells' && b.style === 'label') b.cells.forEach((row) => row.forEach((v, i) => typeof v === 'string' && fit(b.col + i, v)));
  }
  return out;
}
