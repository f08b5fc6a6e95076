import path from 'node:path';
import { cli, formulaOf, loadXlsx, recalculate, tableBodyRows, tempDir, valueOf, writeXlsx } from '../helpers/workbook-files';

jest.setTimeout(60_000);

/** Owners typed in different cases (COUNTIFS matches them as one, so the engine must too) and with a stray space (COUNTIFS does not). */
it('segment rows recalculate to the values the engine wrote when owners differ in case or spaces', async () => {
  const file = path.join(await tempDir(), 'case.xlsx');
  await writeXlsx(file, [
    {
      name: 'Pipeline',
      rows: [
        ['Deal ID', 'Account', 'Stage', 'Status', 'Created', 'Close Date', 'Amount', 'Owner'],
        ['D1', 'A', 'Won', 'Won', '2026-03-01', '2026-03-20', 100, 'ACME Sales'],
        ['D2', 'B', 'Won', 'Won', '2026-03-02', '2026-03-21', 50, ' acme sales '],
        ['D3', 'C', 'Lost', 'Lost', '2026-03-03', '2026-03-22', 70, 'Acme Sales'],
        ['D4', 'D', 'Won', 'Won', '2026-03-04', '2026-03-23', 10, 'Bo'],
      ],
    },
  ]);
  expect((await cli('report', file, '--month', '2026-03')).code).toBeLessThan(2);
  const wb = await loadXlsx(file);
  const ws = wb.getWorksheet('Report 2026-03')!;
  const rows = tableBodyRows(ws, 'By_owner_2026_03');
  expect(rows.map((r) => ws.getRow(r).getCell(1).value)).toEqual(['ACME Sales', ' acme sales ', 'Bo']);
  const { hf, sheetId } = recalculate(wb);
  const id = sheetId('Report 2026-03');
  for (const r of rows) {
    for (let c = 2; c <= 8; c++) {
      const cell = ws.getRow(r).getCell(c);
      if (formulaOf(cell) === null) continue;
      const theirs = hf.getCellValue({ sheet: id, row: r - 1, col: c - 1 });
      const ours = valueOf(cell);
      if (typeof ours === 'number' || ours === null)
        expect({ cell: cell.address, diff: Math.abs(Number(theirs) - (ours ?? 0)) < 1e-9 }).toEqual({ cell: cell.address, diff: true });
      else expect({ cell: cell.address, value: theirs }).toEqual({ cell: cell.address, value: ours });
    }
  }
  // Created, won, lost of the ACME row: the two deals spelled without spaces.
  expect([2, 3, 4].map((c) => valueOf(ws.getRow(rows[0]!).getCell(c)))).toEqual([2, 1, 1]);
});
