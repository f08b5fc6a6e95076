import type { ReportModel } from '../../../src/core/report/model';

/** A report model that uses every kind of block and sheet feature the adapters render. */
export function fullReportModel(rows = 3): ReportModel {
  const body = Array.from({ length: rows }, (_, i) => [
    `Stage ${i + 1}`,
    100 - i * 10,
    i === 0 ? null : { formula: `B${i + 5}/B${i + 4}`, value: (100 - i * 10) / (100 - (i - 1) * 10) },
  ]);
  return {
    activate: 'Report 2024-01',
    sheets: [
      {
        name: 'Report 2024-01',
        role: 'report',
        freeze: { rows: 1, cols: 1 },
        columnWidths: { 0: 24, 2: 12 },
        blocks: [
          { kind: 'cells', row: 0, col: 0, style: 'title', cells: [['Monthly report  ']] },
          {
            kind: 'cells',
            row: 1,
            col: 0,
            formats: [undefined, 'currency', 'percent'],
            cells: [
              [
                'Revenue',
                { formula: 'SUM(B5:B7)', value: 270 },
                { formula: 'IFS(B2>0,0.5,TRUE,0)', value: 0.5 },
                { link: { sheet: 'Index', cell: 'B2' }, text: 'Index' },
              ],
            ],
          },
          {
            kind: 'table',
            name: 'Funnel_2024_01',
            row: 3,
            col: 0,
            style: 'TableStyleMedium2',
            columns: [{ header: 'Stage' }, { header: 'Reached', format: 'integer' }, { header: 'Conversion', format: 'percent' }],
            rows: body,
          },
          {
            kind: 'chart',
            name: 'Funnel chart',
            type: 'funnel',
            title: 'Funnel',
            row: 3,
            col: 5,
            widthCols: 6,
            heightRows: 12,
            categories: `A5:A${4 + rows}`,
            series: [{ name: 'Reached', values: `B5:B${4 + rows}` }],
          },
          {
            kind: 'chart',
            name: 'Revenue chart',
            type: 'line',
            title: 'Revenue',
            row: 16,
            col: 5,
            widthCols: 6,
            heightRows: 12,
            categories: `A5:A${4 + rows}`,
            series: [
              { name: 'Reached', values: `B5:B${4 + rows}` },
              { name: 'Conversion', values: `C5:C${4 + rows}` },
            ],
          },
          { kind: 'notes', row: 6 + rows, col: 0, heading: 'Notes', lines: [['kept by the user', 42]] },
        ],
        conditionalFormats: [
          { range: `C5:C${4 + rows}`, type: 'dataBar' },
          { range: `B5:B${4 + rows}`, type: 'colorScale' },
          { range: `A5:A${4 + rows}`, type: 'expression', formula: '$B5<50', style: 'bad' },
        ],
        validations: [
          { range: 'D5:D20', rule: { type: 'list', values: ['Open', 'Won', 'Lost'] } },
          { range: 'E5:E20', rule: { type: 'wholeNumber', min: 1, max: 5 } },
          { range: 'F30', rule: { type: 'list', source: '$A$5:$A$7' } },
          { range: 'G30', rule: { type: 'date' } },
        ],
      },
      {
        name: 'Index',
        role: 'index',
        blocks: [
          {
            kind: 'table',
            name: 'ReportIndex',
            row: 0,
            col: 0,
            style: 'TableStyleLight9',
            columns: [{ header: 'Month', format: 'month' }, { header: 'Tab' }],
            rows: [[45292, { link: { sheet: 'Report 2024-01' }, text: 'Report 2024-01' }]],
          },
        ],
      },
    ],
  };
}
