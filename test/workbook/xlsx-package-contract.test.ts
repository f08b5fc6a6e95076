import ExcelJS from 'exceljs';
import { serialFromDate } from '../../src/core/util/dates';
import type { CellValue } from '../../src/core/util/cell';
import { withoutFutureFunctionPrefix } from '../../src/workbook/xlsx-package/future-functions';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { describePortContract, type DumpSheet, type PortHarness, type WorkbookDump } from './contract';

/** ExcelJS value → what a user sees: formulas as their cached result, dates as serials, rich text joined. */
function shown(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return serialFromDate(value);
  if (typeof value !== 'object') return value;
  if ('formula' in value || 'sharedFormula' in value) return shown((value as ExcelJS.CellFormulaValue).result);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  return null;
}

/** The written package read back by ExcelJS, an independent reader. */
async function dumpOf(pkg: XlsxPackage): Promise<WorkbookDump> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(pkg.toBytes()) as unknown as ArrayBuffer);
  return wb.worksheets.map((ws): DumpSheet => {
    const cells: DumpSheet['cells'] = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as { formula?: string } | null;
        const formula = v && typeof v === 'object' && typeof v.formula === 'string' ? withoutFutureFunctionPrefix(v.formula) : undefined;
        const value = shown(cell.value);
        if (value === null && formula === undefined) return;
        cells[cell.address] = {
          value,
          ...(formula !== undefined ? { formula } : {}),
          ...(cell.numFmt && cell.numFmt !== 'General' ? { numberFormat: cell.numFmt } : {}),
        };
      }),
    );
    const tables = Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string } }> }).tables).map((t) => ({
      name: t.table.name,
      range: t.table.tableRef,
    }));
    return { name: ws.name, visible: ws.state === 'visible', cells, tables };
  });
}

describePortContract('.xlsx package adapter (read back by ExcelJS)', async (seed): Promise<PortHarness> => {
  const pkg = XlsxPackage.create();
  for (const sheet of seed) pkg.addValuesSheet(sheet.name, sheet.values);
  return { port: pkg, dump: () => dumpOf(pkg) };
});
