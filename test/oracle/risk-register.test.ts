import { promises as fs } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Output } from '../../src/cli/output';
import { risksCommand } from '../../src/cli/risks-command';
import { HAND_CHECKED } from '../core/risk/hand-checked';
import { formulaOf, loadXlsx, tempDir, valueOf } from '../helpers/workbook-files';
import { convertWithLibreOffice, describeWithLibreOffice } from './libreoffice';

const quiet: Output = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Layout of the written register (see riskSheetLayout): first risk on row 5; bands at R4:S8; heat map corner R12. */
const FIRST = 5;
const SCORE = 7;
const LEVEL = 8;
const STATUS = 14;
const BANDS = { row: 4, col: 18 };
const HEAT = { row: 12, col: 18 };

/** A register holding every probability × impact pair once, in P-major order. */
async function allPairsRegister(dir: string): Promise<string> {
  const csv = path.join(dir, 'pairs.csv');
  const lines = ['id,title,probability,impact,status'];
  for (let p = 1; p <= 5; p++) for (let i = 1; i <= 5; i++) lines.push(`P${p}I${i},Pair ${p}x${i},${p},${i},Open`);
  await fs.writeFile(csv, `${lines.join('\n')}\n`);
  const file = path.join(dir, 'pairs.xlsx');
  expect(await risksCommand(file, { import: csv }, quiet)).toBe(0);
  return file;
}

/** A formula's result; LibreOffice's empty text comes back from ExcelJS as no value, an error as an object. */
function result(cell: ExcelJS.Cell): unknown {
  expect(formulaOf(cell)).not.toBeNull();
  return valueOf(cell) ?? '';
}

function levels(ws: ExcelJS.Worksheet): unknown[][] {
  return [1, 2, 3, 4, 5].map((p) => [1, 2, 3, 4, 5].map((i) => result(ws.getCell(FIRST + (p - 1) * 5 + (i - 1), LEVEL))));
}

/** Heat-map count of probability p × impact i (probabilities run 5…1 down the map); a cached 0 reads back as no value. */
function heat(ws: ExcelJS.Worksheet, p: number, i: number): number {
  return (valueOf(ws.getCell(HEAT.row + (6 - p), HEAT.col + i)) as number | null) ?? 0;
}

describeWithLibreOffice('LibreOffice recalculates the risk register', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await tempDir('risk-oracle-');
    file = await allPairsRegister(dir);
  });

  it('gives the hand-checked score and level for all 25 pairs, and heat-map counts equal to the rows', async () => {
    const ws = (await loadXlsx(convertWithLibreOffice(file))).getWorksheet('Risk Register')!;
    for (let p = 1; p <= 5; p++) {
      for (let i = 1; i <= 5; i++) {
        const r = FIRST + (p - 1) * 5 + (i - 1);
        expect(formulaOf(ws.getCell(r, SCORE))).toContain('INT(');
        expect({ p, i, score: valueOf(ws.getCell(r, SCORE)), level: valueOf(ws.getCell(r, LEVEL)) }).toEqual({
          p,
          i,
          score: HAND_CHECKED[p - 1]![i - 1]![0],
          level: HAND_CHECKED[p - 1]![i - 1]![1],
        });
      }
    }
    let total = 0;
    for (let p = 1; p <= 5; p++) {
      for (let i = 1; i <= 5; i++) {
        expect(formulaOf(ws.getCell(HEAT.row + (6 - p), HEAT.col + i))).toMatch(/^COUNTIFS\(/);
        expect({ p, i, count: heat(ws, p, i) }).toEqual({ p, i, count: 1 });
        total += heat(ws, p, i);
      }
    }
    expect(total).toBe(25);
  });

  it('follows the bands table and the statuses: edits made in the sheet change levels and counts', async () => {
    const wb = await loadXlsx(file);
    const ws = wb.getWorksheet('Risk Register')!;
    ws.getCell(BANDS.row + 2, BANDS.col + 1).value = 6; // Medium from 6
    ws.getCell(BANDS.row + 3, BANDS.col + 1).value = 16; // High from 16
    ws.getCell(BANDS.row + 4, BANDS.col).value = 'Severe'; // Critical renamed
    ws.getCell(FIRST, STATUS).value = 'Closed'; // P1 × I1
    ws.getCell(FIRST + 1, 5).value = 0; // P1 × I2 becomes bad input
    const edited = path.join(dir, 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const out = (await loadXlsx(convertWithLibreOffice(edited))).getWorksheet('Risk Register')!;
    expect(levels(out)).toEqual([
      ['Low', '', 'Low', 'Low', 'Low'],
      ['Low', 'Low', 'Medium', 'Medium', 'Medium'],
      ['Low', 'Medium', 'Medium', 'Medium', 'Medium'],
      ['Low', 'Medium', 'Medium', 'High', 'Severe'],
      ['Low', 'Medium', 'Medium', 'Severe', 'Severe'],
    ]);
    expect([result(out.getCell(FIRST + 1, SCORE)), result(out.getCell(FIRST + 1, LEVEL))]).toEqual(['', '']);
    expect([heat(out, 1, 1), heat(out, 1, 2), heat(out, 5, 5)]).toEqual([0, 0, 1]);
  });
});
