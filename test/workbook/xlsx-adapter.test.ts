import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/core/util/cell';
import { serialFromDate } from '../../src/core/util/dates';
import { XlsxWorkbook } from '../../src/workbook/xlsx/xlsx-workbook';
import { describePortContract, type DumpSheet, type WorkbookDump } from './contract';

/** Reads the saved bytes back with a fresh ExcelJS workbook: what a user opening the file would get. */
async function dumpBytes(bytes: Uint8Array): Promise<WorkbookDump> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws): DumpSheet => {
    const cells: DumpSheet['cells'] = {};
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        const entry: DumpSheet['cells'][string] = { value: null };
        if (v && typeof v === 'object' && 'formula' in (v as object)) {
          entry.formula = (v as { formula: string }).formula.replace(/_xlfn\./g, '');
          const result = (v as { result?: unknown }).result;
          entry.value = result === undefined || (typeof result === 'object' && result !== null) ? null : (result as CellValue);
        } else if (v instanceof Date) entry.value = serialFromDate(v);
        else if (v && typeof v === 'object' && 'richText' in (v as object)) entry.value = (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
        else entry.value = (v ?? null) as CellValue;
        if (cell.numFmt && cell.numFmt !== 'General') entry.numberFormat = cell.numFmt;
        cells[cell.address] = entry;
      }),
    );
    const tables = Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef?: string; ref: string } }> }).tables).map((t) => ({ name: t.table.name, range: t.table.tableRef ?? t.table.ref }));
    return { name: ws.name, visible: ws.state === 'visible', cells, tables };
  });
}

describePortContract('.xlsx adapter (ExcelJS)', async (seed) => {
  const start = XlsxWorkbook.create();
  for (const s of seed) start.addValuesSheet(s.name, s.values);
  // Round-trip through bytes, as the CLI does, so the adapter reads a real file.
  const port = await XlsxWorkbook.fromBytes(await start.toBytes());
  return { port, dump: async () => dumpBytes(await port.toBytes()) };
});
